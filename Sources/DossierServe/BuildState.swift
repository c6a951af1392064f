import DossierCore

/// The outcome of the latest build, shared between the rebuild loop and the request handlers.
actor BuildState {
    /// Counts successful builds; pages reload when it changes.
    private(set) var build = 0
    /// The errors of the latest build, if it failed.
    private(set) var problems: [String] = []

    /// Records a build's outcome.
    func record(_ diagnostics: Diagnostics) {
        if diagnostics.hasErrors {
            problems = diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
        } else {
            problems = []
            build += 1
        }
    }

    /// The state as the live-reload script reads it.
    var text: String { LiveReload.state(build: build, problems: problems) }
}
