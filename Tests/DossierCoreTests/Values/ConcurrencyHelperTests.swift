import Foundation
import Testing

@testable import DossierCore

@Suite("Concurrency helpers")
struct ConcurrencyHelperTests {
    /// Counts how many of its instances are alive.
    final class Tracked: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Tracked.lock.withLock { Tracked.alive += 1 }
        }
        deinit { Tracked.lock.withLock { Tracked.alive -= 1 } }
    }

    @Test("concurrentMap keeps the order of its indexes")
    func orderKept() {
        #expect(concurrentMap(1000) { $0 * 2 } == Array(0..<1000).map { $0 * 2 })
    }

    @Test("TakeOnce hands each value out once and holds it no longer: inputs die as the work goes")
    func takeOnceReleases() {
        let values = TakeOnce((0..<64).map(Tracked.init))
        #expect(Tracked.lock.withLock { Tracked.alive } == 64)
        let results = concurrentMap(64) { index in values.take(index).value + 1 }
        #expect(results == Array(1...64))
        #expect(Tracked.lock.withLock { Tracked.alive } == 0, "a taken value is still held")
    }

    @Test("LeftToExit keeps what it is given alive, and nothing else")
    func leftToExit() {
        final class Object {}
        weak var kept: Object?
        weak var dropped: Object?
        do {
            let first = Object()
            let second = Object()
            kept = first
            dropped = second
            LeftToExit.keep([first])
        }
        #expect(kept != nil, "a value left to the exit was freed")
        #expect(dropped == nil)
    }
}
