import Foundation
import LocalServices

/// One SQS JSON request's body, read with the model's types: a member of the wrong type is
/// `InvalidParameterValue`, as SQS answers it; a body that is not a JSON object is the JSON
/// front's `SerializationException`.
struct SQSCall {
    let body: [String: Any]
    /// The Host the request came to, for the queue URLs handed out.
    let host: String

    init(_ request: APIRequest, host: String) throws(SQSError) {
        self.host = host
        guard !request.body.isEmpty else { body = [:]; return }
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
            throw SQSError.serialization("The request body is not a JSON object.")
        }
        body = object
    }

    init(body: [String: Any], host: String) {
        self.body = body
        self.host = host
    }

    func string(_ key: String) throws(SQSError) -> String? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw SQSError.invalidParameterValue("Value for parameter \(key) is invalid. Reason: must be a string.") }
        return text
    }

    func requiredString(_ key: String) throws(SQSError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw SQSError.missingParameter(key) }
        return text
    }

    func int(_ key: String) throws(SQSError) -> Int? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !(value is String), number.doubleValue == Double(number.intValue) else {
            throw SQSError.invalidParameterValue("Value \(value) for parameter \(key) is invalid. Reason: must be an integer.")
        }
        return number.intValue
    }

    func strings(_ key: String) throws(SQSError) -> [String]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let list = value as? [String] else { throw SQSError.invalidParameterValue("Value for parameter \(key) is invalid. Reason: must be a list of strings.") }
        return list
    }

    func stringMap(_ key: String) throws(SQSError) -> [String: String]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let map = value as? [String: String] else { throw SQSError.invalidParameterValue("Value for parameter \(key) is invalid. Reason: must be a map of strings.") }
        return map
    }

    func objects(_ key: String) throws(SQSError) -> [[String: Any]]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let list = value as? [[String: Any]] else { throw SQSError.invalidParameterValue("Value for parameter \(key) is invalid. Reason: must be a list of structures.") }
        return list
    }

    /// `MessageAttributes`: name → {DataType, StringValue | BinaryValue (base64)}, checked as
    /// SQS checks them. A binary value is kept as its base64 text.
    func messageAttributes(_ key: String = "MessageAttributes") throws(SQSError) -> [String: MessageAttributeValue] {
        guard let value = body[key], !(value is NSNull) else { return [:] }
        guard let map = value as? [String: [String: Any]] else { throw SQSError.invalidParameterValue("Value for parameter \(key) is invalid. Reason: must be a map of message attribute values.") }
        guard map.count <= QueueLimits.maximumMessageAttributes else {
            throw SQSError.invalidParameterValue("Number of message attributes [\(map.count)] exceeds the allowed maximum [\(QueueLimits.maximumMessageAttributes)].")
        }
        var attributes: [String: MessageAttributeValue] = [:]
        for (name, entry) in map {
            guard let type = entry["DataType"] as? String, !type.isEmpty else {
                throw SQSError.invalidParameterValue("The message attribute '\(name)' must contain non-empty message attribute type.")
            }
            let base = type.split(separator: ".", maxSplits: 1).first.map(String.init) ?? type
            guard ["String", "Number", "Binary"].contains(base) else {
                throw SQSError.invalidParameterValue("The type of message (user) attribute '\(name)' is invalid. You must use only the following supported type prefixes: Binary, Number, String.")
            }
            let text = base == "Binary" ? entry["BinaryValue"] as? String : entry["StringValue"] as? String
            guard let text, !text.isEmpty else {
                throw SQSError.invalidParameterValue("The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(type)'.")
            }
            if base == "Number", Double(text) == nil {
                throw SQSError.invalidParameterValue("Can't cast the value of message (user) attribute '\(name)' to a number.")
            }
            attributes[name] = MessageAttributeValue(dataType: type, stringValue: text)
        }
        return attributes
    }
}

/// `MD5OfMessageAttributes` as SQS computes it: for each attribute in name order, the name,
/// the data type and the value, each as a 4-byte big-endian length and the bytes, with a
/// transport byte (1 string, 2 binary) before the value.
enum MessageAttributesMD5 {
    static func hex(_ attributes: [String: MessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var data = Data()
        func field(_ bytes: Data) {
            var length = UInt32(bytes.count).bigEndian
            withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
            data.append(bytes)
        }
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            field(Data(name.utf8))
            field(Data(value.dataType.utf8))
            let binary = value.dataType.hasPrefix("Binary")
            data.append(binary ? 2 : 1)
            field(binary ? (Data(base64Encoded: value.stringValue) ?? Data()) : Data(value.stringValue.utf8))
        }
        return MD5.hex(data)
    }
}
