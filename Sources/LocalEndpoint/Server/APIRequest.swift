import Foundation

/// One HTTP request to the Lambda API, read whole (the API's bodies are bounded, see
/// ``LambdaAPIServer/maxBodyBytes``): method, decoded path, query, headers, body.
package struct APIRequest: Sendable {
    package var method: String
    /// The path with percent-escapes decoded per segment (boto3 sends an ARN as `arn%3Aaws%3A…`).
    package var pathSegments: [String]
    /// The raw path, for messages.
    package var rawPath: String
    package var query: [String: String]
    /// Header names lower-cased.
    package var headers: [String: String]
    package var body: Data
    /// The body's real size (it is not kept past the cap, see ``bodyTruncated``).
    package var bodyBytes: Int
    package var bodyTruncated: Bool

    package init(method: String, uri: String, headers: [(String, String)], body: Data, bodyBytes: Int? = nil, bodyTruncated: Bool = false) {
        self.method = method
        var path = Substring(uri)
        var query: [String: String] = [:]
        if let mark = path.firstIndex(of: "?") {
            for pair in path[path.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.decode(parts[0])
                query[key] = parts.count > 1 ? Self.decode(parts[1]) : ""
            }
            path = path[..<mark]
        }
        self.rawPath = String(path)
        // Split on the bytes ("/" is ASCII): Character-wise splitting showed in the API benchmark.
        self.pathSegments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { Self.decode(Substring($0)) }
        self.query = query
        var lowered: [String: String] = [:]
        lowered.reserveCapacity(headers.count)
        for (name, value) in headers { lowered[Self.lowercased(name)] = value }
        self.headers = lowered
        self.body = body
        self.bodyBytes = bodyBytes ?? body.count
        self.bodyTruncated = bodyTruncated
    }

    package func header(_ name: String) -> String? { headers[Self.lowercased(name)] }

    /// A header name in lower case; HTTP header names are ASCII, so bytes are mapped directly
    /// (Unicode-aware `lowercased()` for anything else).
    static func lowercased(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased() }
        guard name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return name }
        return String(decoding: name.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Percent-decoding of one path segment or query part (`+` is a space only in a query,
    /// but botocore never sends a literal `+` unescaped in either).
    static func decode(_ text: Substring) -> String {
        // Most segments have nothing to decode (the Invoke path has one escape at most).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        let plain = text.replacingOccurrences(of: "+", with: " ")
        return plain.removingPercentEncoding ?? String(plain)
    }
}

/// The answer to one request: status, headers, body bytes.
package struct APIResponse: Sendable {
    package var status: Int
    package var headers: [(String, String)]
    package var body: Data

    package init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON document (a dictionary or array from ``JSONValue``) with the status AWS uses.
    static func json(_ status: Int, _ object: Any) -> APIResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return APIResponse(status: status, headers: [("Content-Type", "application/json")], body: data)
    }

    /// An empty answer (204 of DeleteFunction, DeleteAlias, DryRun).
    static func empty(_ status: Int) -> APIResponse {
        APIResponse(status: status)
    }
}
