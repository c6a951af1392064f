/// Values a process that is about to exit never frees: the exit gives their memory back at once,
/// where freeing them would release millions of objects one by one (as compilers skip freeing
/// at exit). Only for a caller that ends the process right after (`BuildOptions.leavesMemoryToExit`).
enum LeftToExit {
    private final class Holder {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// Keeps `value` alive until the process ends.
    static func keep(_ value: Any) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}
