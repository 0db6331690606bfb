import Foundation
import TutorSupport

/// The CloudWatch-style metrics of a function, a version or an alias (`metrics NAME`).
extension LambdaService {
    /// Records a stream mapping's iterator age (the age of the oldest record of a batch it
    /// read) for the function and the mapping's qualifier.
    package func recordIteratorAge(_ function: String, qualifier: String?, seconds: TimeInterval) {
        metrics.recordIteratorAge(function: function, qualifiers: qualifier.map { [$0] } ?? [], milliseconds: (seconds * 1000).rounded(), at: wallClock.now())
    }

    /// The last `minutes` minutes of `reference`'s metrics (the function's own with no
    /// qualifier), oldest first; minutes without invocations are there with zeros.
    package func metrics(_ reference: FunctionReference, minutes: Int = 10) throws(LambdaServiceError) -> FunctionMetrics {
        guard functions.exists(reference.name) else { throw LambdaServiceError(functions.notFound(reference.name)) }
        return metrics.metrics(function: reference.name, qualifier: reference.qualifier, minutes: max(1, min(minutes, MetricsStore.keptMinutes)),
                               now: wallClock.now())
    }
}
