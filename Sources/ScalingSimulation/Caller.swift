import LambdaModel

/// Who invokes the function, which decides what a throttle does to a request.
package enum Caller: Sendable, Hashable {
    /// Synchronous (API Gateway, an SDK call): a throttled request fails with 429 and the caller
    /// decides whether to retry. The request-rate limit (10 × concurrency) applies.
    case sync
    /// Asynchronous (S3, SNS, EventBridge): Lambda accepts every event into its queue; throttled
    /// attempts go back to the queue and are retried with backoff (1 s doubling to 5 min) until
    /// the maximum event age, after which they are dropped.
    case async(maxEventAgeSeconds: Int)
    /// An SQS event source mapping: pollers read batches and invoke synchronously. They start
    /// with 5 concurrent batches, add up to 300 per minute while messages wait, stop at the
    /// mapping's maximum (1,250 by default), and back off when throttled; messages wait in the
    /// queue.
    case queue(batchSize: Int, maxConcurrency: Int?)

    package static var asyncDefault: Caller { .async(maxEventAgeSeconds: Facts.asyncMaxEventAge.int) }
    package static var queueDefault: Caller { .queue(batchSize: Facts.sqsBatchDefault.int, maxConcurrency: nil) }

    package var name: String {
        switch self {
        case .sync: "sync"
        case .async: "async"
        case .queue: "sqs"
        }
    }

    /// What one unit of traffic is for this caller, for labels ("requests", "events", "messages").
    package var trafficNoun: String {
        switch self {
        case .sync: "requests"
        case .async: "events"
        case .queue: "messages"
        }
    }
}
