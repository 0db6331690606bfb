import Foundation
import Synchronization
import TutorSupport

/// A wall clock that stands still until a test moves it (`advance(by:)`), as swift-nio's
/// `NIOAsyncTestingEventLoop.advanceTime` does for event loops.
package final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_796_000_000)) {
        current = Mutex(start)
    }

    package func now() -> Date { current.withLock { $0 } }

    package func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
