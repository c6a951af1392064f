import Foundation

/// Where a build reads and writes, and what it includes.
public struct BuildOptions: Sendable {
    /// The content folder.
    public var content: URL
    /// How diagnostics name the content folder (e.g. `Content`).
    public var contentDisplay: String
    /// The templates folder.
    public var templates: URL
    /// How diagnostics name the templates folder (e.g. `Templates`).
    public var templatesDisplay: String
    /// The output folder, replaced whole by a successful build.
    public var output: URL
    /// How diagnostics name the output folder (e.g. `Public`), also when `dossier check` builds
    /// into a scratch folder instead.
    public var outputDisplay: String
    /// Whether draft articles are built.
    public var includeDrafts: Bool
    /// Overrides `base_url` from `index.md`.
    public var baseURL: String?
    /// Whether the previous site is deleted by a background process after the new one is in
    /// place, so the command returns without waiting for thousands of files to be unlinked.
    /// The command line sets it; library callers that inspect the folder afterwards leave it off.
    public var removeOldSiteInBackground = false
    /// Whether the replaced site is kept beside the output as a spare (`SpareSite`) that the
    /// next build brings up to date in place, instead of making a new folder for every page.
    /// The command line sets it; library callers that inspect the folder afterwards leave it off.
    public var keepSpareSite = false
    /// Called when another build into the same output folder holds its lock and this one waits
    /// for it to finish (see `BuildLock`): the command line says so, instead of seeming to hang.
    public var waitingForOtherBuild: (@Sendable () -> Void)?
    /// Asked while the build waits for another build's lock: once it says true, the build gives
    /// up with an error, having touched nothing. `dossier serve` passes its task's cancellation,
    /// so Ctrl-C stops it even then.
    public var isCancelled: (@Sendable () -> Bool)?
    /// Whether what the build holds at its end (the resolved dossier, its records and bodies, the
    /// plan of every page, the page keys) is left for the process's exit to give back instead of
    /// freed object by object, which took a tenth of a rebuild's time. `dossier build` exits right
    /// after the build and sets it; a caller that goes on (`serve`, `check`, tests) leaves it off.
    public var leavesMemoryToExit = false
    /// Called as the build ends, just before it lets its lock go (for tests: what must hold by then).
    var beforeUnlocking: (@Sendable () -> Void)?
    /// What the previous build in this process left for this one (`BuildMemory`): unchanged
    /// files are not parsed again, nor their bodies decoded from the body cache. `dossier serve`
    /// sets one for all its builds; nil remembers nothing.
    public var memory: BuildMemory?
    /// The file that keeps rendered bodies between builds (see `BodyCache`); nil renders every
    /// body. The command line sets `BodyCache.defaultFile(for:)`.
    public var bodyCache: URL?

    /// Options for folders given as the user wrote them, relative to `directory`.
    public init(
        content: String = "Content", templates: String = "Templates", output: String = "Public",
        includeDrafts: Bool = false, baseURL: String? = nil,
        relativeTo directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        }
        self.content = resolve(content)
        self.contentDisplay = content
        self.templates = resolve(templates)
        self.templatesDisplay = templates
        self.output = resolve(output)
        self.outputDisplay = output
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
    }
}
