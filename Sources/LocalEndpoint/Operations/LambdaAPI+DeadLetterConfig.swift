import Foundation
import LambdaService
import MiniLambda

/// A function's `DeadLetterConfig` (CreateFunction, UpdateFunctionConfiguration and the
/// configuration they return): the asynchronous invocation DLQ, an SQS queue or SNS topic ARN,
/// kept in the same settings `fn config NAME dlq=ARN` sets.
extension LambdaAPI {
    /// `DeadLetterConfig.TargetArn` of a request body, checked: nil when the body has no
    /// DeadLetterConfig, "" when it removes the DLQ.
    func deadLetterTarget(_ body: [String: Any]) throws(APIError) -> String? {
        guard let config = try Body.object(body, "DeadLetterConfig") else { return nil }
        let target = try Body.string(config, "TargetArn") ?? ""
        guard asyncInvocations != nil else {
            throw APIError.invalidParameter("DeadLetterConfig needs the tutor's asynchronous invocation queue, which this server runs without")
        }
        if !target.isEmpty {
            _ = try api { () throws(LambdaServiceError) in try AsyncSettings().applying([FunctionSetting.deadLetter.setting(target)]) }
        }
        return target
    }

    /// Sets (or with "" removes) the function's DLQ.
    func applyDeadLetterTarget(_ target: String?, to name: String) throws(APIError) {
        guard let target, let asyncInvocations else { return }
        _ = try api { () throws(LambdaServiceError) in try asyncInvocations.configure(name, settings: [FunctionSetting.deadLetter.setting(target)]) }
    }

    /// `shape` with `DeadLetterConfig` when `$LATEST` has a DLQ.
    func addingDeadLetterConfig(_ shape: [String: Any], _ name: String, version: String) -> [String: Any] {
        guard version == FunctionVersion.latest, let target = try? asyncInvocations?.settings(name).deadLetterTargetArn else { return shape }
        var shape = shape
        shape["DeadLetterConfig"] = ["TargetArn": target]
        return shape
    }
}
