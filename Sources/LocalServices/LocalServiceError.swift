import TutorSupport
/// A refusal of a local service, named as SQS names it (the `code` the AWS CLI would print),
/// with the message written the way AWS writes it.
public struct LocalServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let queueDoesNotExist = Code(rawValue: "QueueDoesNotExist")
        public static let queueNameExists = Code(rawValue: "QueueNameExists")
        public static let invalidParameterValue = Code(rawValue: "InvalidParameterValue")
        public static let receiptHandleIsInvalid = Code(rawValue: "ReceiptHandleIsInvalid")
        public static let invalidAttributeValue = Code(rawValue: "InvalidAttributeValue")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension LocalServiceError: LearnerFacingError {
    /// With the SQS error code, as the AWS CLI prints it.
    public var learnerMessage: String { description }
}
