import Foundation
import Synchronization
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

    @Test(
        "concurrentMap on more threads than cores keeps the order and runs every index once", arguments: [1, 3, 16, 40])
    func orderKeptOnThreads(threads: Int) {
        let runs = Mutex([Int](repeating: 0, count: 37))
        let results = concurrentMap(37, threads: threads) { index in
            runs.withLock { $0[index] += 1 }
            return index * 3
        }
        #expect(results == Array(0..<37).map { $0 * 3 })
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: 37))
        #expect(concurrentMap(0, threads: threads) { $0 }.isEmpty)
    }

    @Test("TakeOnce hands each value out once and holds it no longer: inputs die as the work goes")
    func takeOnceReleases() {
        let values = TakeOnce((0..<64).map(Tracked.init))
        #expect(Tracked.lock.withLock { Tracked.alive } == 64)
        let results = concurrentMap(64) { index in values.take(index).value + 1 }
        #expect(results == Array(1...64))
        #expect(Tracked.lock.withLock { Tracked.alive } == 0, "a taken value is still held")
    }
}
