import Dispatch
import Foundation

/// Runs `body` for every index in `0..<count` on every core and returns the results in index
/// order, so work done in parallel still gives deterministic output.
func concurrentMap<Value>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
    let slots = ResultSlots<Value>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
    return slots.values
}

/// Fixed slots written from concurrent iterations, each index once.
private final class ResultSlots<Value>: @unchecked Sendable {
    // Each index is written once, from one iteration; the lock makes the writes visible to the
    // thread that reads `values` after `concurrentPerform` returns.
    private var slots: [Value?]
    private var filled: [Bool]
    private let lock = NSLock()

    /// Creates `count` empty slots.
    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        filled = Array(repeating: false, count: count)
    }

    /// Fills slot `index`.
    func set(_ index: Int, _ value: Value) {
        lock.withLock {
            slots[index] = value
            filled[index] = true
        }
    }

    /// Every slot's value, in order; each must have been set.
    var values: [Value] {
        zip(slots, filled).map { slot, isFilled in
            precondition(isFilled, "a slot was never set")
            return slot!
        }
    }
}

/// Values handed out once each, by index, from concurrent iterations; each is released by the
/// holder as soon as it is taken, so a large input need not outlive the work done on it.
final class TakeOnce<Value>: @unchecked Sendable {
    // Each index is taken once, from one iteration; distinct slots never share storage.
    private let slots: UnsafeMutableBufferPointer<Value?>

    /// Holds `values` until they are taken.
    init(_ values: consuming [Value]) {
        slots = .allocate(capacity: values.count)
        for (index, value) in values.enumerated() { (slots.baseAddress! + index).initialize(to: value) }
    }

    /// The value at `index`, no longer held here; each index may be taken once.
    func take(_ index: Int) -> Value {
        guard let value = slots[index] else { preconditionFailure("value \(index) was already taken") }
        slots[index] = nil
        return value
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }
}

/// Work started on its own thread, to overlap a serial step with work on every core; `value`
/// waits for it to finish.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before it signals, read only after waiting.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` now.
    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    /// The work's result, once it is done; any number of times, from any thread.
    func value() -> Value {
        done.wait()
        // Passed on, so the next caller does not wait forever.
        done.signal()
        return result!
    }
}
