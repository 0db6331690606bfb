import Foundation

/// An HTTP request to a function URL or the REST-style API as it came off the wire: the raw
/// target, every header in order (repeats kept), the body. The events of payload 1.0 and 2.0
/// are built from it (``ProxyEventV2``, ``ProxyEventV1``); ``APIRequest`` is not used, since it
/// keeps one value per header.
package struct ProxyHTTPRequest: Sendable {
    package var method: String
    /// The path as sent, percent-escapes and all (the event's `rawPath`).
    package var rawPath: String
    /// The query as sent, without `?` (the event's `rawQueryString`).
    package var rawQueryString: String
    package var headers: [(name: String, value: String)]
    package var body: Data
    /// The body was longer than the listener keeps (``FunctionURLServer/maxBodyBytes``).
    package var bodyTruncated: Bool
    package var sourceIP: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    package var httpProtocol: String
    /// When the request arrived, by the service's wall clock (the event's `timeEpoch`).
    package var receivedAt: Date

    package init(method: String, target: String, headers: [(name: String, value: String)], body: Data = Data(), bodyTruncated: Bool = false,
                sourceIP: String = "127.0.0.1", httpProtocol: String = "HTTP/1.1", receivedAt: Date) {
        self.method = method
        if let mark = target.firstIndex(of: "?") {
            rawPath = String(target[..<mark])
            rawQueryString = String(target[target.index(after: mark)...])
        } else {
            rawPath = target
            rawQueryString = ""
        }
        if rawPath.isEmpty { rawPath = "/" }
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.sourceIP = sourceIP
        self.httpProtocol = httpProtocol
        self.receivedAt = receivedAt
    }

    /// The values of header `name` (any case), in order.
    package func values(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    package func header(_ name: String) -> String? { values(name).first }

    /// The path's segments, percent-decoded.
    var pathSegments: [String] {
        rawPath.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
    }

    /// The query's `(name, value)` pairs in order, decoded (`+` is a space).
    var queryPairs: [(String, String)] {
        rawQueryString.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let plain = text.replacingOccurrences(of: "+", with: " ")
                return plain.removingPercentEncoding ?? plain
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The cookies of every `Cookie` header, one per `name=value` (payload 2.0's `cookies`).
    var cookies: [String] {
        values("cookie").flatMap { $0.split(separator: ";") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether the body goes to the function as text: a text-like `Content-Type` and valid
    /// UTF-8. Anything else — an image, `application/octet-stream`, no type at all — is sent
    /// base64-encoded with `isBase64Encoded: true`.
    var bodyIsText: Bool {
        guard let type = header("content-type")?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        let textual = type.hasPrefix("text/") || type.hasSuffix("/json") || type.hasSuffix("+json") || type.hasSuffix("/xml")
            || type.hasSuffix("+xml") || type == "application/javascript" || type == "application/x-www-form-urlencoded"
            || type == "application/graphql" || type == "application/yaml"
        return textual && String(data: body, encoding: .utf8) != nil
    }

    /// The body for the event: the text, or base64 of the bytes.
    var eventBody: (body: String, base64: Bool) {
        if bodyIsText, let text = String(data: body, encoding: .utf8) { return (text, false) }
        return (body.base64EncodedString(), true)
    }

    /// `12/Mar/2020:19:03:58 +0000`, API Gateway's request time.
    var requestTime: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return formatter.string(from: receivedAt)
    }

    var epochMilliseconds: Int { Int((receivedAt.timeIntervalSince1970 * 1000).rounded(.down)) }
}
