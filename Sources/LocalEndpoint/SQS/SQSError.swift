import Foundation
import LocalServices
import TutorSupport

/// An SQS error as the JSON protocol sends it: the status, a body with `__type`
/// (`com.amazonaws.sqs#<Shape>`) and `message`, and the `x-amzn-query-error: <QueryCode>;Sender`
/// header. botocore (the model is `awsQueryCompatible`) reads the header: the error's `Code` is
/// the query code (`AWS.SimpleQueueService.NonExistentQueue`, what the AWS CLI prints), and the
/// exception class comes from the shape (`QueueDoesNotExist`). See the SQS Developer Guide,
/// "Interpreting Amazon SQS JSON API responses".
struct SQSError: Error, Sendable {
    var status = 400
    var shape: String
    /// The query protocol's code; nil for errors of the JSON front (unknown operation, bad JSON).
    var queryCode: String?
    var message: String
    var fault = "Sender"
    /// The namespace of `__type`: the service's own, or the protocol front's.
    var namespace = "com.amazonaws.sqs"

    init(_ shape: String, query queryCode: String?, _ message: String, status: Int = 400) {
        self.shape = shape
        self.queryCode = queryCode
        self.message = message
        self.status = status
    }

    var response: APIResponse {
        var response = APIResponse.amzJSON(status, ["__type": "\(namespace)#\(shape)", "message": message])
        if let queryCode { response.headers.append(("x-amzn-query-error", "\(queryCode);\(fault)")) }
        return response
    }

    /// A refusal of the local queues, with the shape and query code SQS gives it.
    init(_ error: LocalServiceError) {
        switch error.code {
        case .queueDoesNotExist: self.init("QueueDoesNotExist", query: "AWS.SimpleQueueService.NonExistentQueue", error.message)
        case .queueNameExists: self.init("QueueNameExists", query: "QueueAlreadyExists", error.message)
        case .receiptHandleIsInvalid: self.init("ReceiptHandleIsInvalid", query: "ReceiptHandleIsInvalid", error.message)
        case .messageNotInflight: self.init("MessageNotInflight", query: "AWS.SimpleQueueService.MessageNotInflight", error.message)
        case .invalidAttributeName: self.init("InvalidAttributeName", query: "InvalidAttributeName", error.message)
        case .invalidAttributeValue: self.init("InvalidAttributeValue", query: "InvalidAttributeValue", error.message)
        case .missingParameter: self.init("MissingRequiredParameterException", query: "MissingParameter", error.message)
        default: self = .invalidParameterValue(error.message)
        }
    }

    static func invalidParameterValue(_ message: String) -> SQSError {
        SQSError("InvalidParameterValueException", query: "InvalidParameterValue", message)
    }

    static func missingParameter(_ name: String) -> SQSError {
        SQSError("MissingRequiredParameterException", query: "MissingParameter", "The request must contain the parameter \(name).")
    }

    static func unsupported(_ operation: String) -> SQSError {
        SQSError("UnsupportedOperation", query: "AWS.SimpleQueueService.UnsupportedOperation",
                 "\(operation) is an SQS operation lambda-tutor does not serve yet.")
    }

    /// What AWS's JSON front answers for a target it does not know.
    static func unknownOperation(_ target: String) -> SQSError {
        var error = SQSError("UnknownOperationException", query: nil, "Unknown operation \(target)")
        error.namespace = "com.amazon.coral.service"
        return error
    }

    static func serialization(_ message: String) -> SQSError {
        var error = SQSError("SerializationException", query: nil, message)
        error.namespace = "com.amazon.coral.service"
        return error
    }
}

extension APIResponse {
    /// A JSON answer of a JSON-protocol service (SQS): `application/x-amz-json-1.0` and a request id.
    static func amzJSON(_ status: Int, _ object: Any) -> APIResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return APIResponse(status: status, headers: [("Content-Type", "application/x-amz-json-1.0"),
                                                     ("x-amzn-RequestId", RandomUUID.string())], body: data)
    }
}
