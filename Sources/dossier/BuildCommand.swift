import ArgumentParser
import DossierCore
import Foundation

/// `dossier build`: generate the site into the output folder.
struct BuildCommand: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site; on any error the previous output is left untouched.")

    @OptionGroup var options: SiteOptions

    /// Builds, prints the diagnostics, and exits 1 on errors.
    func run() throws {
        let start = Date()
        var buildOptions = options.buildOptions()
        // The command exits right after the build: what it made in memory goes with the process,
        // unless a leak checker wants it all freed (`scripts/leak-check.sh`).
        buildOptions.leavesMemoryToExit = ProcessInfo.processInfo.environment["DOSSIER_FREE_AT_EXIT"] != "1"
        let report = SiteBuilder.build(buildOptions)
        printDiagnostics(report.diagnostics)
        guard !report.diagnostics.hasErrors else { throw ExitCode(1) }
        let seconds = Date().timeIntervalSince(start)
        print(
            "built \(report.pageCount) pages (\(report.fileCount) files, \(report.reusedCount) pages unchanged) into \(options.output)/ in \(String(format: "%.2f", seconds)) s"
        )
    }
}
