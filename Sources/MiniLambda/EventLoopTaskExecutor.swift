import NIOCore
import NIOPosix

/// Runs Swift tasks' jobs on one NIO event loop of the invoker's (``InvokeLoops``). A warm invoke
/// run with this preference writes the event to a runtime served on the same loop, takes its
/// answer and builds the result on one thread, instead of handing the work between the
/// concurrency pool and the loop four times (each hand-off a wake-up of a sleeping thread: about
/// 150 µs of the API benchmark's 0.7 ms, BENCHMARKS.md).
///
/// Only for work that does not block: ``Invoker`` hops to the global executor for a cold
/// start (spawning, waiting for INIT), and the Lambda API uses it for synchronous invokes only.
package final class EventLoopTaskExecutor: TaskExecutor {
    package let eventLoop: any EventLoop

    package init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // From the loop itself (a continuation resumed by the Runtime API's handler) this only
        // appends to the loop's queue: no wake-up.
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The invoker's event loops, which serve every environment's Runtime API, each with its task
/// executor. A front door that accepts its connections on these loops and runs a synchronous
/// invoke on the connection's own loop (``executor(for:)``) reaches a warm environment served on
/// that loop without a thread hand-off: ``Invoker`` prefers such an environment, and starts a
/// new one's Runtime API on the caller's loop.
package final class InvokeLoops: Sendable {
    package let group: any EventLoopGroup
    package let executors: [EventLoopTaskExecutor]

    init(group: any EventLoopGroup) {
        self.group = group
        executors = group.makeIterator().map { EventLoopTaskExecutor(eventLoop: $0) }
    }

    /// The executor of `loop`, if it is one of these loops.
    package func executor(for loop: any EventLoop) -> EventLoopTaskExecutor? {
        executors.first { $0.eventLoop === loop }
    }

    /// The loop of these the calling thread runs, if any: where a new environment's Runtime API
    /// goes so that its caller's next invokes stay on one thread.
    var current: (any EventLoop)? {
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop else { return nil }
        return executor(for: loop)?.eventLoop
    }
}
