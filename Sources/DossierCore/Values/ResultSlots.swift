import Foundation

/// Fixed slots written from concurrent iterations, each index once.
final class ResultSlots<Value>: @unchecked Sendable {
    // Each index is written once, from one iteration; the lock makes the writes visible to the
    // thread that reads `values` after `concurrentPerform` returns.
    private var slots: [Value?]
    private let lock = NSLock()

    /// Creates `count` empty slots.
    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    /// Every slot's value, in order; each must have been set.
    var values: [Value] { slots.map { $0! } }
}
