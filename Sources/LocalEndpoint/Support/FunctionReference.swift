import Foundation
import MiniLambda

/// The `{FunctionName}` of a Lambda API path, in any of the forms AWS accepts: `name`,
/// `name:qualifier`, the partial ARN `123456789012:function:name[:qualifier]` or the full
/// `arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]` — plus the `Qualifier`
/// query parameter, which must agree with a qualifier in the name.
struct FunctionReference: Sendable, Hashable {
    var name: String
    var qualifier: String?

    /// The qualifier as the Invoke API reports it (`X-Amz-Executed-Version` for `$LATEST`).
    var version: String { qualifier ?? "$LATEST" }

    static func parse(_ raw: String, qualifier query: String?) throws(APIError) -> FunctionReference {
        var parts = raw.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn" {
            // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
            guard parts.count >= 7, parts[1].hasPrefix("aws"), parts[2] == "lambda", parts[5] == "function" else { throw invalidName(raw) }
            guard parts[3] == LambdaIdentity.region, parts[4] == LambdaIdentity.accountID else {
                throw APIError.notFound("Function not found: \(raw) (the tutor's functions live in account \(LambdaIdentity.accountID), Region \(LambdaIdentity.region))")
            }
            parts = Array(parts.dropFirst(6))
        } else if parts.count >= 3, parts[1] == "function" {
            guard parts[0] == LambdaIdentity.accountID else {
                throw APIError.notFound("Function not found: \(raw) (the tutor's functions live in account \(LambdaIdentity.accountID))")
            }
            parts = Array(parts.dropFirst(2))
        }
        guard (1...2).contains(parts.count) else { throw invalidName(raw) }
        let name = parts[0]
        do {
            try FunctionConfiguration.validateName(name)
        } catch {
            throw invalidName(raw)
        }
        var qualifier = parts.count == 2 ? parts[1] : nil
        if let query {
            try validateQualifier(query)
            if let inName = qualifier, inName != query {
                throw APIError.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.")
            }
            qualifier = query
        }
        if let qualifier { try validateQualifier(qualifier) }
        return FunctionReference(name: name, qualifier: qualifier)
    }

    static func validateQualifier(_ qualifier: String) throws(APIError) {
        let allowed = qualifier.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_$".unicodeScalars.contains($0) }
        guard !qualifier.isEmpty, qualifier.count <= 128, allowed else {
            throw APIError.invalidParameter("1 validation error detected: Value '\(qualifier)' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)")
        }
    }

    static func invalidName(_ raw: String) -> APIError {
        APIError.invalidParameter("1 validation error detected: Value '\(raw)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")
    }
}
