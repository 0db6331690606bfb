import Foundation
import MiniLambda

/// Where a DLQ or destination ARN points: a local SQS queue, a local SNS topic, or a function
/// (invoked asynchronously). EventBridge buses and S3 buckets are accepted by AWS but not served
/// by the tutor yet, so they are refused when configured rather than dropped later.
enum AsyncTarget: Sendable, Hashable {
    case queue(String)
    case topic(String)
    case function(String)

    static func parse(_ arn: String) throws(LambdaServiceError) -> AsyncTarget {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn", parts[1] == "aws", parts[4] == LambdaIdentity.accountID else {
            throw LambdaServiceError(.invalidParameterValue, "The destination ARN \(arn) is invalid.")
        }
        switch parts[2] {
        case "sqs" where parts.count == 6: return .queue(parts[5])
        case "lambda" where parts.count >= 7 && parts[5] == "function": return .function(parts[6...].joined(separator: ":"))
        case "sns" where parts.count == 6: return .topic(parts[5])
        case "events", "s3":
            throw LambdaServiceError(.invalidParameterValue, "The destination ARN \(arn) names a \(parts[2]) resource; the tutor delivers to SQS queues, SNS topics and functions only.")
        default:
            throw LambdaServiceError(.invalidParameterValue, "The destination ARN \(arn) is invalid.")
        }
    }

    static func validate(_ arn: String) throws(LambdaServiceError) { _ = try parse(arn) }
}
