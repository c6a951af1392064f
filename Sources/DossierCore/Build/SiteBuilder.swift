import Foundation

/// The whole pipeline: Load → Parse → Resolve → Render → Write.
///
/// Everything before Write works in memory, and pages go to a staging folder that replaces the
/// output only when the whole build has succeeded, so a build with errors never touches the output.
public enum SiteBuilder {
    /// What a build produced.
    public struct Report: Sendable {
        /// Every problem found, errors and warnings.
        public var diagnostics: Diagnostics
        /// HTML pages produced.
        public var pageCount = 0
        /// Files produced, pages included.
        public var fileCount = 0
        /// Pages taken unchanged from the previous build instead of rendered.
        public var reusedCount = 0
        /// Bodies taken from the body cache instead of rendered.
        public var reusedBodyCount = 0
    }

    /// What the stages before rendering produce.
    private struct Prepared {
        var dossier: ResolvedDossier
        var templates: TemplateLoader
        var bodies: BodyCache?
    }

    /// Builds the site and, when there are no errors, replaces the output folder with it. Pages
    /// are written as they are rendered, on every core, into a staging folder. Waits first while
    /// another build into the same output folder runs (`BuildLock`).
    public static func build(_ options: BuildOptions) -> Report {
        var diagnostics = Diagnostics()
        // Checked first, so an output the build refuses (the project folder, say) gets no lock
        // file beside it and gives up no spare; reported once the content has loaded, when the
        // output is checked again.
        let refused =
            (try? SiteWriter.checkTarget(options.output, protecting: [options.content, options.templates])) == nil
        // Held until the build returns: another build's swap between reading the page keys and
        // linking pages could otherwise publish a page made from other content.
        let (lock, cancelled) = refused ? (nil, false) : takeLock(options, diagnostics: &diagnostics)
        guard !cancelled else { return Report(diagnostics: diagnostics) }
        defer {
            options.beforeUnlocking?()
            lock?.release()
        }
        // Claimed first, so it is listed while the content loads.
        let spare = !refused && options.keepSpareSite ? SpareSite.claim(for: options.output) : nil
        guard let prepared = prepare(options, diagnostics: &diagnostics) else {
            spare?.giveBack()
            return Report(diagnostics: diagnostics)
        }
        // However the build ends, the body cache is in place before it returns.
        defer { prepared.bodies?.finishSaving() }
        var timer = StageTimer()
        let staging: StagingFolder
        do throws(SiteWriter.Failure) {
            // Again: what is there may have changed while this build waited for the lock.
            try SiteWriter.checkTarget(options.output, protecting: [options.content, options.templates])
            staging = try StagingFolder(for: options.output, adopting: spare)
        } catch {
            spare?.giveBack()
            diagnostics.error(error.description, at: SourceLocation(path: options.outputDisplay, line: 1, column: 1))
            return Report(diagnostics: diagnostics)
        }
        let counter = Counter()
        let cache = PageCache(output: options.output, staging: staging, templates: prepared.templates.set)
        diagnostics.merge(
            SiteRenderer.render(
                prepared.dossier, templates: prepared.templates.set, cache: cache,
                leavingMemoryToExit: options.leavesMemoryToExit
            ) { file in
                counter.add(file)
                do throws(SiteWriter.Failure) {
                    try staging.write(file)
                    return nil
                } catch {
                    return Diagnostic(
                        .error, error.description, at: SourceLocation(path: options.outputDisplay, line: 1, column: 1))
                }
            })
        timer.mark("render and write")
        do throws(SiteWriter.Failure) {
            for file in prepared.templates.staticFiles {
                counter.add(file)
                try staging.write(file)
            }
            if !diagnostics.hasErrors {
                try staging.commit(
                    manifest: cache.manifest, removeOldInBackground: options.removeOldSiteInBackground,
                    keepSpare: options.keepSpareSite)
            }
        } catch {
            diagnostics.error(error.description, at: SourceLocation(path: options.outputDisplay, line: 1, column: 1))
        }
        guard !diagnostics.hasErrors else {
            staging.discard()
            return Report(diagnostics: diagnostics)
        }
        timer.mark("commit")
        // Waited for here only to time it: the deferred wait above covers every way out.
        prepared.bodies?.finishSaving()
        timer.mark("body cache")
        if options.leavesMemoryToExit { LeftToExit.keep((prepared, cache, staging)) }
        return Report(
            diagnostics: diagnostics, pageCount: counter.pageCount + cache.reused,
            fileCount: counter.fileCount + cache.reused, reusedCount: cache.reused,
            reusedBodyCount: prepared.bodies?.hits ?? 0)
    }

    /// Takes the lock of the output (see `BuildLock`), waiting for another build if need be;
    /// without it (with a warning) when the lock file cannot be used, and `cancelled` (with an
    /// error) when the wait was cancelled.
    private static func takeLock(_ options: BuildOptions, diagnostics: inout Diagnostics) -> (
        lock: BuildLock?, cancelled: Bool
    ) {
        let output = SourceLocation(path: options.outputDisplay, line: 1, column: 1)
        do throws(BuildLock.Failure) {
            let lock = try BuildLock.acquire(
                for: options.output, waiting: { options.waitingForOtherBuild?() },
                isCancelled: { options.isCancelled?() ?? false })
            return (lock, false)
        } catch {
            switch error {
            case .cancelled:
                diagnostics.error(
                    "cancelled while waiting for another build into \(options.outputDisplay)/ to finish", at: output)
                return (nil, true)
            case .unavailable(let reason):
                diagnostics.warning(
                    "building without the lock that keeps builds into \(options.outputDisplay)/ from overlapping",
                    at: output, notes: [reason])
                return (nil, false)
            }
        }
    }

    /// Load, parse and resolve the content and load the templates; nil when anything failed.
    private static func prepare(_ options: BuildOptions, diagnostics: inout Diagnostics) -> Prepared? {
        var timer = StageTimer()
        let templates = TemplateLoader.load(options, diagnostics: &diagnostics)
        timer.mark("templates")
        let dossier = loadAndParse(options, timer: &timer, diagnostics: &diagnostics)
        // Handed over, not copied: the resolver releases each Markdown source once it is rendered.
        let bodies = options.bodyCache.map { BodyCache(file: $0, memory: options.memory) }
        let (resolved, problems) = Resolver.resolve(
            consume dossier, includeDrafts: options.includeDrafts, cache: bodies)
        diagnostics.merge(problems)
        timer.mark("resolve")
        // Written while pages render; the build waits for it before it ends. Kept even when the
        // build fails: each body is keyed on all it depends on, so the good ones of a build with
        // errors spare the next build (the one after the fix) their rendering; but such a build
        // may have seen only part of the content, so it never makes the cache smaller.
        bodies?.save(unlessSmaller: diagnostics.hasErrors)
        if let templates { checkStaticFiles(templates.staticFiles, against: resolved, options, &diagnostics) }
        guard let templates, !diagnostics.hasErrors else {
            bodies?.finishSaving()
            return nil
        }
        return Prepared(dossier: resolved, templates: templates, bodies: bodies)
    }

    /// Reports a static file that takes a generated file's path or a folder of generated pages, or
    /// would sit inside a generated file.
    private static func checkStaticFiles(
        _ staticFiles: [OutputFile], against resolved: ResolvedDossier, _ options: BuildOptions,
        _ diagnostics: inout Diagnostics
    ) {
        let generated = Set(SiteRenderer.outputPaths(resolved))
        // The folders generated files go in: a static file may not take one's place, nor need a
        // generated file's place as its folder.
        var generatedFolders: Set<Substring> = []
        for path in generated {
            var folder = path[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard generatedFolders.insert(folder).inserted else { break }
            }
        }
        for file in staticFiles {
            let at = SourceLocation(path: options.templatesDisplay + "/static/" + file.path, line: 1, column: 1)
            if generated.contains(file.path) {
                diagnostics.error("static file '\(file.path)' has the same path as a generated file", at: at)
            } else if generatedFolders.contains(file.path[...]) {
                diagnostics.error("static file '\(file.path)' has the same path as a folder of generated pages", at: at)
            } else {
                var folder = file.path[...]
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard generated.contains(String(folder)) else { continue }
                    diagnostics.error(
                        "static file '\(file.path)' would be inside the generated file '\(folder)'", at: at)
                    break
                }
            }
        }
    }
}

extension SiteBuilder {
    /// Reads and parses the content and applies `--base-url`. The files' texts are released on
    /// return: the parsed dossier keeps what it needs of them.
    fileprivate static func loadAndParse(
        _ options: BuildOptions, timer: inout StageTimer, diagnostics: inout Diagnostics
    ) -> Dossier {
        let files = ContentLoader.load(
            directory: options.content, displayPath: options.contentDisplay, diagnostics: &diagnostics,
            memory: options.memory)
        timer.mark("load")
        var dossier = DossierParser.parse(files, diagnostics: &diagnostics, memory: options.memory)
        timer.mark("parse")
        if let baseURL = options.baseURL {
            if !WebAddress.isValid(baseURL) {
                diagnostics.error(
                    "--base-url must be an absolute http or https address, not '\(baseURL)'",
                    at: SourceLocation(path: options.contentDisplay, line: 1, column: 1))
            }
            dossier.site.baseURL = baseURL
        }
        return dossier
    }
}

/// Counts the files rendering hands over from several threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var pageCount = 0
    private(set) var fileCount = 0

    /// Counts one file; safe from several threads.
    func add(_ file: OutputFile) {
        lock.withLock {
            fileCount += 1
            if file.path.hasSuffix(".html") { pageCount += 1 }
        }
    }
}
