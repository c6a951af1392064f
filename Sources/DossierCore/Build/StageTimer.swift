import Foundation

/// Prints how long each stage of a build takes, on standard error, when the environment sets
/// `DOSSIER_TIMINGS=1`, with the peak memory so far; otherwise does nothing. For profiling, not for tests.
struct StageTimer {
    private let enabled = ProcessInfo.processInfo.environment["DOSSIER_TIMINGS"] == "1"
    private var last = DispatchTime.now()
    /// Put before each line: stages inside a stage are indented.
    private var indent = ""

    /// A timer whose lines start with `indent`, for the steps of one stage.
    init(indent: String = "") {
        self.indent = indent
    }

    /// Reports the time since the previous mark under `stage`.
    mutating func mark(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let milliseconds = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let peak = usage.ru_maxrss / 1024
        // Resident now, from /proc (Linux only): a peak that was only a moment shows as a gap.
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        let resident = pages.map { ", now \($0 * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576) MB" } ?? ""
        FileHandle.standardError.write(
            Data(
                "timing: \(indent)\(stage) \(String(format: "%.1f", milliseconds)) ms, peak memory so far \(peak) MB\(resident)\n"
                    .utf8))
        last = now
    }
}
