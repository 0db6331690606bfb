/// Names of function versions, written once.
package enum FunctionVersion {
    /// The unpublished, editable version every function has (`$LATEST` on AWS).
    package static let latest = "$LATEST"

    /// Whether `qualifier` names a published version (`1`, `2`, …) rather than an alias.
    package static func isPublished(_ qualifier: String) -> Bool {
        !qualifier.isEmpty && qualifier.utf8.allSatisfy { (0x30...0x39).contains($0) } && qualifier.first != "0"
    }
}

/// `AWS_LAMBDA_INITIALIZATION_TYPE`: how an environment was started.
package enum InitializationType: String, Sendable, Hashable, Codable {
    case onDemand = "on-demand"
    case provisionedConcurrency = "provisioned-concurrency"
}
