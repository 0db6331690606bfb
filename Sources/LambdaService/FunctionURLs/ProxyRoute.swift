import Foundation

/// A route of the tutor's REST-style API (API Gateway's REST API with a Lambda proxy
/// integration, payload 1.0): a method (or `ANY`) and a resource path such as `/items`,
/// `/items/{id}` or `/files/{proxy+}`, invoking a function's `$LATEST` or an alias. Kept in the
/// function's `service.json`, so it goes with the function (or its alias).
package struct ProxyRoute: Codable, Sendable, Hashable {
    package var method: String
    /// The resource path template, as API Gateway's `resource` shows it.
    package var resource: String
    /// The alias invoked; nil for `$LATEST`.
    package var qualifier: String?

    package init(method: String, resource: String, qualifier: String? = nil) {
        self.method = method
        self.resource = resource
        self.qualifier = qualifier
    }

    enum CodingKeys: String, CodingKey { case method = "Method", resource = "Resource", qualifier = "Qualifier" }

    package static let methods = ["ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]

    var segments: [String] { resource.split(separator: "/").map(String.init) }

    /// Checks a method and resource as API Gateway does: a known method; a path of literal
    /// segments and `{name}` parameters, with a greedy `{name+}` only last.
    static func validate(method: String, resource: String) throws(LambdaServiceError) {
        guard methods.contains(method) else {
            throw .invalid("Invalid HTTP method \(method): use one of \(methods.joined(separator: ", "))")
        }
        guard resource.hasPrefix("/"), !resource.contains("//"), resource.count <= 1024 else {
            throw .invalid("Invalid resource path \(resource): it starts with / and has no empty segment, e.g. /items/{id}")
        }
        let segments = resource.split(separator: "/").map(String.init)
        var names = Set<String>()
        for (index, segment) in segments.enumerated() {
            if segment.hasPrefix("{") {
                let greedy = segment.hasSuffix("+}")
                let name = String(segment.dropFirst().dropLast(greedy ? 2 : 1))
                guard segment.hasSuffix("}"), !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.allSatisfy(\.isASCII) else {
                    throw .invalid("Invalid resource path \(resource): a path parameter is {name} of letters, digits and _, or {name+} last")
                }
                guard !greedy || index == segments.count - 1 else {
                    throw .invalid("Invalid resource path \(resource): a greedy parameter {\(name)+} must be the last segment")
                }
                guard names.insert(name).inserted else { throw .invalid("Invalid resource path \(resource): the parameter \(name) appears twice") }
            } else {
                let allowed = segment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-._~:@".unicodeScalars.contains($0) }
                guard allowed else { throw .invalid("Invalid resource path \(resource): the segment '\(segment)' has characters a path segment cannot have") }
            }
        }
    }

    /// The path parameters if `path` (percent-decoded segments) matches, and how specific the
    /// match is: literal segments beat parameters, parameters beat a greedy tail, an exact
    /// method beats `ANY` — API Gateway's order.
    func match(method requested: String, path: [String]) -> (parameters: [String: String], score: Int)? {
        guard method == requested || method == "ANY" else { return nil }
        let pattern = segments
        var parameters: [String: String] = [:]
        var score = method == "ANY" ? 0 : 1
        for (index, segment) in pattern.enumerated() {
            if segment.hasSuffix("+}") {
                guard path.count > index else { return nil }
                parameters[String(segment.dropFirst().dropLast(2))] = path[index...].joined(separator: "/")
                return (parameters, score)
            }
            guard index < path.count else { return nil }
            if segment.hasPrefix("{") {
                parameters[String(segment.dropFirst().dropLast())] = path[index]
                score += 10
            } else {
                guard segment == path[index] else { return nil }
                score += 100
            }
        }
        guard path.count == pattern.count else { return nil }
        return (parameters, score + 1_000)
    }
}

/// A request's route: the function, the route and the path parameters it matched.
package struct ProxyRouteMatch: Sendable, Hashable {
    package var function: String
    package var route: ProxyRoute
    package var pathParameters: [String: String]
}
