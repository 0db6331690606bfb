import MiniLambda

/// What a caller names when it invokes or manages a function: `my-function`,
/// `my-function:prod`, `my-function:3`, a full ARN
/// (`arn:aws:lambda:us-east-1:123456789012:function:my-function[:prod]`) or a partial one
/// (`123456789012:function:my-function`), optionally with a separate `Qualifier` as the
/// Invoke API has it.
package struct FunctionReference: Sendable, Hashable, CustomStringConvertible {
    package var name: String
    /// A version number, an alias name, `$LATEST`, or nil (which means `$LATEST`).
    package var qualifier: String?

    package init(name: String, qualifier: String? = nil) {
        self.name = name
        self.qualifier = qualifier
    }

    /// Parses `text`, and merges a separate `qualifier`: both may be given only when they agree
    /// (AWS's rule and message).
    package init(parsing text: String, qualifier separate: String? = nil) throws(LambdaServiceError) {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn" {
            // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
            guard parts.count == 7 || parts.count == 8, parts[2] == "lambda", parts[5] == "function" else {
                throw .invalid("1 validation error detected: Value '\(text)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")
            }
            parts = Array(parts.dropFirst(6))
        } else if parts.count >= 3, parts[1] == "function" {
            // ACCOUNT:function:NAME[:QUALIFIER]
            parts = Array(parts.dropFirst(2))
        }
        guard parts.count == 1 || parts.count == 2 else {
            throw .invalid("1 validation error detected: Value '\(text)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: a name, name:qualifier or ARN")
        }
        name = parts[0]
        let derived = parts.count == 2 ? parts[1] : nil
        if let derived, let separate, derived != separate {
            throw .invalid("The derived qualifier from the function name does not match the specified qualifier.")
        }
        qualifier = derived ?? separate
        if qualifier?.isEmpty == true { qualifier = nil }
    }

    /// The qualifier with `$LATEST` spelled out.
    package var resolvedQualifier: String { qualifier ?? FunctionVersion.latest }

    package var description: String { qualifier.map { "\(name):\($0)" } ?? name }
}
