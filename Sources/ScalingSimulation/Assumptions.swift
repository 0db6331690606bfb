import LambdaModel

/// The simulator's defaults for things AWS does not publish.
///
/// None of these is an AWS fact, so none lives in ``Facts``. Output that depends on one says so
/// (the view's footnotes name each), and every one can be changed from the command line.
package enum Assumptions {
    /// INIT duration of a cold start when none is given: the geometric middle of AWS's range
    /// ("under 100 ms" to "over 1 s"), about 316 ms. Derived from the two facts so it moves with
    /// them; real INIT time depends on the runtime, package size and init code.
    package static var initSeconds: Double {
        let fast = Facts.coldStartFast.value / 1000  // stored in ms
        let slow = Facts.coldStartSlow.value         // stored in s
        return (fast * slow).squareRoot()
    }

    /// How long an idle environment stays warm before Lambda reclaims it. AWS does not publish
    /// this; five minutes keeps a quiet function's environments through short lulls.
    package static let idleLifetimeSeconds = 300

    /// What SQS pollers do after a throttled second: AWS says they back off but not by how much.
    /// The simulator halves their concurrency (never below the starting number of batches).
    package static let pollerThrottleFactor = 0.5
}
