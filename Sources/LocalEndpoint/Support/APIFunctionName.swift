import Foundation
import LambdaService
import MiniLambda

/// The `{FunctionName}` of a Lambda API path with the `Qualifier` query parameter, parsed by
/// the service's ``FunctionReference`` (name, `name:qualifier`, partial or full ARN) and then
/// checked as the API checks it: the tutor's account and Region only, AWS's name and
/// qualifier patterns.
enum APIFunctionName {
    static func parse(_ raw: String, qualifier query: String?) throws(APIError) -> FunctionReference {
        let reference: FunctionReference
        do {
            reference = try FunctionReference(parsing: raw, qualifier: query)
        } catch {
            throw APIError(error)
        }
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
        if parts.first == "arn", parts.count >= 5, parts[3] != Substring(LambdaIdentity.region) || parts[4] != Substring(LambdaIdentity.accountID) {
            throw APIError.notFound("Function not found: \(raw) (the tutor's functions live in account \(LambdaIdentity.accountID), Region \(LambdaIdentity.region))")
        }
        if parts.count >= 3, parts[1] == "function", parts[0] != Substring(LambdaIdentity.accountID) {
            throw APIError.notFound("Function not found: \(raw) (the tutor's functions live in account \(LambdaIdentity.accountID))")
        }
        do {
            try FunctionConfiguration.validateName(reference.name)
        } catch {
            throw invalidName(raw)
        }
        if let qualifier = reference.qualifier { try validateQualifier(qualifier) }
        return reference
    }

    static func validateQualifier(_ qualifier: String) throws(APIError) {
        let allowed = qualifier.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_$".unicodeScalars.contains($0) }
        guard qualifier.count <= 128, allowed else {
            throw APIError.invalidParameter("1 validation error detected: Value '\(qualifier)' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)")
        }
    }

    static func invalidName(_ raw: String) -> APIError {
        APIError.invalidParameter("1 validation error detected: Value '\(raw)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")
    }
}
