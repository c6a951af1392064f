import Foundation

/// Prints how long each stage of a build takes, on standard error, when the environment sets
/// `DOSSIER_TIMINGS=1`, with the peak memory so far; otherwise does nothing. For profiling, not for tests.
struct StageTimer {
    private let enabled = ProcessInfo.processInfo.environment["DOSSIER_TIMINGS"] == "1"
    private var last = DispatchTime.now()
    /// CPU time (user and system, every thread) at the previous mark, in microseconds.
    private var lastCPU = StageTimer.cpuMicroseconds(StageTimer.usage())
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
        let usage = StageTimer.usage()
        let cpu = StageTimer.cpuMicroseconds(usage)
        // CPU time over wall time: how many cores the stage kept busy.
        let cores = milliseconds > 0 ? Double(cpu - lastCPU) / 1000 / milliseconds : 0
        let peak = usage.ru_maxrss / 1024
        // Resident now, from /proc (Linux only): a peak that was only a moment shows as a gap.
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        let resident = pages.map { ", now \($0 * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576) MB" } ?? ""
        FileHandle.standardError.write(
            Data(
                "timing: \(indent)\(stage) \(String(format: "%.1f", milliseconds)) ms on \(String(format: "%.2f", cores)) cores, peak memory so far \(peak) MB\(resident)\n"
                    .utf8))
        last = now
        lastCPU = cpu
    }

    /// The process's resource usage so far.
    private static func usage() -> rusage {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage
    }

    /// The CPU time in `usage`, user and system, in microseconds.
    private static func cpuMicroseconds(_ usage: rusage) -> Int {
        let user = Int(usage.ru_utime.tv_sec) * 1_000_000 + Int(usage.ru_utime.tv_usec)
        return user + Int(usage.ru_stime.tv_sec) * 1_000_000 + Int(usage.ru_stime.tv_usec)
    }
}
