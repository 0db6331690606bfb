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
        public static let invalidAttributeName = Code(rawValue: "InvalidAttributeName")
        public static let missingParameter = Code(rawValue: "MissingParameter")
        public static let messageNotInflight = Code(rawValue: "MessageNotInflight")
        /// SNS's codes (its query protocol's `Code`).
        public static let notFound = Code(rawValue: "NotFound")
        public static let invalidParameter = Code(rawValue: "InvalidParameter")
        public static let parameterValueInvalid = Code(rawValue: "ParameterValueInvalid")
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
