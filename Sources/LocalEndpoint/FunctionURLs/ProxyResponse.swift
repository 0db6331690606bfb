import Foundation

/// A handler's result turned into the HTTP response, by the rules of payload 2.0 (function
/// URLs, HTTP APIs) or 1.0 (REST APIs). A result the rules refuse is a 502 with the reason kept
/// for the learner (``Outcome/problem``): AWS gives the client no reason, only the status.
enum ProxyResponse {
    struct Outcome {
        var response: APIResponse
        /// Why the function's result could not be a response, in a sentence; nil when it could.
        var problem: String?
    }

    // MARK: - Payload 2.0

    /// Payload 2.0 (Lambda DG, urls-invocation "Response payload format"; API Gateway DG,
    /// http-api-develop-integrations-lambda): a JSON object with `statusCode` is the response —
    /// `headers` (string values), `cookies` (each a `Set-Cookie`), `body` (a string, base64 when
    /// `isBase64Encoded`). Any other valid JSON — an object without `statusCode`, a string, a
    /// number — is a 200 with `content-type: application/json` and the JSON as the body. Not
    /// JSON at all is a 502. 2.0 has no `multiValueHeaders`; a result that has them gets them
    /// ignored, as API Gateway ignores them.
    static func v2(_ payload: Data) -> Outcome {
        guard let value = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else {
            return malformed2("the function's result is not JSON")
        }
        guard let object = value as? [String: Any], let status = object["statusCode"] else {
            return Outcome(response: APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: payload))
        }
        guard let code = statusCode(status) else { return malformed2("statusCode \(describe(status)) is not an HTTP status (100–599)") }
        var headers: [(String, String)] = []
        if let raw = object["headers"], !(raw is NSNull) {
            guard let map = raw as? [String: Any] else { return malformed2("headers is not an object of names and values") }
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard let text = scalar(value) else { return malformed2("the header \(name) has the value \(describe(value)), not a string") }
                guard validHeader(name, text) else { return malformed2("the header \(name) is not a valid HTTP header") }
                headers.append((name, text))
            }
        }
        if let raw = object["cookies"], !(raw is NSNull) {
            guard let cookies = raw as? [Any], cookies.allSatisfy({ $0 is String }) else { return malformed2("cookies is not a list of strings") }
            for cookie in cookies as! [String] {
                guard validHeader("Set-Cookie", cookie) else { return malformed2("the cookie \(cookie) has a line break") }
                headers.append(("Set-Cookie", cookie))
            }
        }
        let body: Data
        switch decodeBody(object) {
        case .success(let bytes): body = bytes
        case .failure(let problem): return malformed2(problem.text)
        }
        return Outcome(response: APIResponse(status: code, headers: headers, body: body))
    }

    /// What a function URL answers when the result cannot be a response, or the function failed.
    static func functionURLError(_ problem: String?) -> Outcome {
        Outcome(response: APIResponse(status: 502, headers: [("Content-Type", "text/plain")], body: Data("Internal Server Error".utf8)), problem: problem)
    }

    private static func malformed2(_ problem: String) -> Outcome { functionURLError(problem) }

    // MARK: - Payload 1.0

    /// Payload 1.0 (API Gateway DG, REST API Lambda proxy integration output format): the result
    /// must be a JSON object with a numeric `statusCode`; `headers` (string values) and
    /// `multiValueHeaders` (lists) are merged; `body` is a string (or absent/null), base64 when
    /// `isBase64Encoded`. Anything else is a 502 `{"message": "Internal server error"}`.
    static func v1(_ payload: Data) -> Outcome {
        guard let value = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else {
            return restError("the function's result is not JSON")
        }
        guard let object = value as? [String: Any] else {
            return restError("the result is \(describe(value)), not an object with statusCode (payload 1.0 infers nothing)")
        }
        guard let status = object["statusCode"] else { return restError("the result has no statusCode (payload 1.0 requires one)") }
        guard let code = statusCode(status) else { return restError("statusCode \(describe(status)) is not an HTTP status (100–599)") }
        let known: Set<String> = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            return restError("the result has the field \(unknown); payload 1.0 allows only statusCode, headers, multiValueHeaders, body and isBase64Encoded")
        }
        var headers: [(String, String)] = []
        if let raw = object["headers"], !(raw is NSNull) {
            guard let map = raw as? [String: Any] else { return restError("headers is not an object of names and values") }
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard let text = scalar(value), validHeader(name, text) else { return restError("the header \(name) has the value \(describe(value)), not a string") }
                headers.append((name, text))
            }
        }
        if let raw = object["multiValueHeaders"], !(raw is NSNull) {
            guard let map = raw as? [String: Any] else { return restError("multiValueHeaders is not an object of names and lists") }
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard let list = value as? [Any] else { return restError("multiValueHeaders.\(name) is not a list") }
                for item in list {
                    guard let text = scalar(item), validHeader(name, text) else { return restError("multiValueHeaders.\(name) has \(describe(item)), not a string") }
                    // A pair in both maps appears once, as API Gateway merges them.
                    headers.removeAll { $0.0 == name && $0.1 == text }
                    headers.append((name, text))
                }
            }
        }
        let body: Data
        switch decodeBody(object) {
        case .success(let bytes): body = bytes
        case .failure(let problem): return restError(problem.text)
        }
        return Outcome(response: APIResponse(status: code, headers: headers, body: body))
    }

    /// API Gateway's answer when the integration's response is malformed or the function failed.
    static func restError(_ problem: String?) -> Outcome {
        Outcome(response: APIResponse(status: 502, headers: [("Content-Type", "application/json"), ("x-amzn-ErrorType", "InternalServerErrorException")],
                                      body: Data(#"{"message": "Internal server error"}"#.utf8)), problem: problem)
    }

    // MARK: - Shared rules

    struct Problem: Error { var text: String }

    /// `body` (a string, or absent/null) decoded per `isBase64Encoded` (a boolean).
    private static func decodeBody(_ object: [String: Any]) -> Result<Data, Problem> {
        var base64 = false
        if let flag = object["isBase64Encoded"], !(flag is NSNull) {
            guard let number = flag as? NSNumber, Body.isBoolean(number) else {
                return .failure(Problem(text: "isBase64Encoded is \(describe(flag)), not true or false"))
            }
            base64 = number.boolValue
        }
        guard let raw = object["body"], !(raw is NSNull) else { return .success(Data()) }
        guard let text = raw as? String else {
            return .failure(Problem(text: "body is \(describe(raw)), not a string (json.dumps or JSON.stringify it)"))
        }
        guard base64 else { return .success(Data(text.utf8)) }
        guard let bytes = Data(base64Encoded: text, options: [.ignoreUnknownCharacters]) else {
            return .failure(Problem(text: "isBase64Encoded is true but body is not base64"))
        }
        return .success(bytes)
    }

    /// A status from a JSON number (an integer 100–599) or a string of one, as API Gateway
    /// takes both.
    private static func statusCode(_ value: Any) -> Int? {
        let code: Int?
        if let number = value as? NSNumber, !Body.isBoolean(number) {
            code = number.doubleValue == number.doubleValue.rounded() ? number.intValue : nil
        } else if let text = value as? String {
            code = Int(text)
        } else {
            code = nil
        }
        guard let code, (100...599).contains(code) else { return nil }
        return code
    }

    /// A header value from a string, number or boolean (API Gateway writes the latter two out).
    private static func scalar(_ value: Any) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber {
            if Body.isBoolean(number) { return number.boolValue ? "true" : "false" }
            return number.stringValue
        }
        return nil
    }

    /// A header NIO can write: a token name, and no line break in the value.
    private static func validHeader(_ name: String, _ value: String) -> Bool {
        let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return !name.isEmpty && name.unicodeScalars.allSatisfy(token.contains) && !value.contains("\r") && !value.contains("\n")
    }

    private static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return "\"\(text.prefix(40))\"" }
        if let number = value as? NSNumber { return Body.isBoolean(number) ? (number.boolValue ? "true" : "false") : number.stringValue }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        return "\(value)"
    }
}
