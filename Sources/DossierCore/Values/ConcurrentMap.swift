import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body` for every index in `0..<count` on every core and returns the results in index
/// order, so work done in parallel still gives deterministic output.
func concurrentMap<Value>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
    let slots = ResultSlots<Value>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
    return slots.values
}

/// `concurrentMap` for work that mostly waits on the disk, such as reading thousands of small
/// files: `threads` threads, more than there are cores, keep that many reads in flight, which a
/// disk whose cache was emptied answers several times faster than one read per core.
func concurrentMap<Value>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
    let slots = ResultSlots<Value>(count: count)
    let cursor = Cursor()
    withoutActuallyEscaping(body) { body in
        let work = ThreadWork {
            while let index = cursor.next(below: count) { slots.set(index, body(index)) }
        }
        var started: [pthread_t] = []
        for _ in 0..<min(threads, count) {
            let context = Unmanaged.passRetained(work).toOpaque()
            var thread = pthread_t()
            let result = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue().run()
                    return nil
                }, context)
            if result == 0 {
                started.append(thread)
            } else {
                Unmanaged<ThreadWork>.fromOpaque(context).release()
            }
        }
        // With no thread at all (none could be started), the work is done here.
        work.run()
        // Joined, so no thread holds `body` once this returns.
        for thread in started { pthread_join(thread, nil) }
    }
    return slots.values
}

/// Hands out the indexes `0..<count` once each, to whichever thread asks first.
private final class Cursor: @unchecked Sendable {
    private let lock = NSLock()
    private var position = 0

    func next(below count: Int) -> Int? {
        lock.withLock {
            guard position < count else { return nil }
            position += 1
            return position - 1
        }
    }
}

/// The loop each thread of `concurrentMap(_:threads:_:)` runs.
private final class ThreadWork: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
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
