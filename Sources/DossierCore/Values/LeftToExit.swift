import Foundation

/// Values a process that is about to exit never frees: the exit gives their memory back at once,
/// where freeing them would release millions of objects one by one (as compilers skip freeing
/// at exit). Only for a caller that ends the process right after (`BuildOptions.leavesMemoryToExit`).
/// They stay reachable from here, so a leak checker counts them as still in use, not lost.
enum LeftToExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` alive until the process ends.
    static func keep(_ value: Any) {
        lock.withLock { kept.append(value) }
    }
}
