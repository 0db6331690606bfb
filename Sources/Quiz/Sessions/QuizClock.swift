import Foundation
import Synchronization

/// Where sessions read the time. Injected so tests move time forward by hand and never sleep.
package protocol QuizClock: Sendable {
    func now() -> Date
}

/// The wall clock.
package struct SystemQuizClock: QuizClock {
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock that only moves when told to: for tests and for replaying scripted runs.
package final class ManualClock: QuizClock {
    private let current: Mutex<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    package func now() -> Date { current.withLock { $0 } }

    package func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    package func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
