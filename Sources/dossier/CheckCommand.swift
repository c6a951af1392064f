import ArgumentParser
import DossierCore
import Foundation

/// `dossier check`: build into a scratch folder and follow every internal link.
struct CheckCommand: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Build to a scratch folder, verify every internal link and fragment; never touches the output.")

    @OptionGroup var options: SiteOptions

    /// Checks, prints the diagnostics, and exits 1 on errors.
    func run() throws {
        let report = SiteChecker.check(options.buildOptions())
        printDiagnostics(report.diagnostics)
        guard !report.diagnostics.hasErrors else { throw ExitCode(1) }
        print("checked \(report.pages) pages and \(report.links) links: no problems")
    }
}
