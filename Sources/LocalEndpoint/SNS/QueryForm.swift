import Foundation
import LocalServices
import TutorSupport

/// A query-protocol request (SNS): a form-encoded POST body read as botocore's query serializer
/// writes it — scalars as `Name=value`, maps as `Name.entry.N.key`/`.value` (or the map's own
/// member names), lists of structures as `Name.member.N.Field`.
struct QueryForm {
    let fields: [String: String]

    init(_ body: Data) {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields[APIRequest.decode(parts[0])] = parts.count > 1 ? APIRequest.decode(parts[1]) : ""
        }
        self.fields = fields
    }

    init(fields: [String: String]) { self.fields = fields }

    subscript(_ key: String) -> String? { fields[key] }

    func required(_ key: String) throws(SNSError) -> String {
        guard let value = fields[key], !value.isEmpty else {
            throw SNSError(.invalidParameter, "Invalid parameter: \(key)")
        }
        return value
    }

    /// `Name.entry.N.key` / `Name.entry.N.value` pairs as a dictionary.
    func map(_ name: String, key: String = "key", value: String = "value") -> [String: String] {
        var map: [String: String] = [:]
        for index in indices("\(name).entry.") {
            if let k = fields["\(name).entry.\(index).\(key)"] { map[k] = fields["\(name).entry.\(index).\(value)"] ?? "" }
        }
        return map
    }

    /// `MessageAttributes.entry.N.Name` with `.Value.DataType` and `.Value.StringValue` or
    /// `.Value.BinaryValue` (base64, kept as its text).
    func messageAttributes(_ name: String = "MessageAttributes") throws(SNSError) -> [String: MessageAttributeValue] {
        var attributes: [String: MessageAttributeValue] = [:]
        for index in indices("\(name).entry.") {
            let prefix = "\(name).entry.\(index)"
            guard let key = fields["\(prefix).Name"], !key.isEmpty else { continue }
            guard let type = fields["\(prefix).Value.DataType"], !type.isEmpty else {
                throw SNSError(.parameterValueInvalid, "The message attribute '\(key)' must contain non-empty message attribute type.")
            }
            let value = type.hasPrefix("Binary") ? fields["\(prefix).Value.BinaryValue"] : fields["\(prefix).Value.StringValue"]
            attributes[key] = MessageAttributeValue(dataType: type, stringValue: value ?? "")
        }
        return attributes
    }

    /// The structures of a list `Name.member.N.…`, in N order, each with its fields' names
    /// relative to the member.
    func members(_ name: String) -> [QueryForm] {
        indices("\(name).member.").map { index in
            let prefix = "\(name).member.\(index)."
            var inner: [String: String] = [:]
            for (key, value) in fields where key.hasPrefix(prefix) { inner[String(key.dropFirst(prefix.count))] = value }
            return QueryForm(fields: inner)
        }
    }

    /// The numbers N of `prefix N.…` keys, sorted.
    private func indices(_ prefix: String) -> [Int] {
        Set(fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix(prefix) else { return nil }
            return Int(key.dropFirst(prefix.count).prefix { $0.isNumber })
        }).sorted()
    }
}

/// Query-protocol answers: `<ActionResponse>` with its `<ActionResult>` and request id, or an
/// `<ErrorResponse>`, in the service's XML namespace.
enum QueryXML {
    static func escape(_ text: String) -> String { MarkupEscaping.xml(text) }

    static func element(_ name: String, _ text: String) -> String { "<\(name)>\(escape(text))</\(name)>" }

    /// `<Name><entry><key>…</key><value>…</value></entry>…</Name>`.
    static func map(_ name: String, _ map: [String: String]) -> String {
        "<\(name)>" + map.sorted { $0.key < $1.key }.map { "<entry>\(element("key", $0.key))\(element("value", $0.value))</entry>" }.joined() + "</\(name)>"
    }

    static func success(_ action: String, namespace: String, result: String?) -> APIResponse {
        let id = RandomUUID.string()
        var xml = "<?xml version=\"1.0\"?>\n<\(action)Response xmlns=\"\(namespace)\">"
        if let result { xml += "<\(action)Result>\(result)</\(action)Result>" }
        xml += "<ResponseMetadata><RequestId>\(id)</RequestId></ResponseMetadata></\(action)Response>"
        return APIResponse(status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", id)], body: Data(xml.utf8))
    }

    static func error(status: Int, code: String, message: String, namespace: String, sender: Bool = true) -> APIResponse {
        let id = RandomUUID.string()
        let xml = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(sender ? "Sender" : "Receiver")</Type>"
            + element("Code", code) + element("Message", message) + "</Error><RequestId>\(id)</RequestId></ErrorResponse>"
        return APIResponse(status: status, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", id)], body: Data(xml.utf8))
    }
}
