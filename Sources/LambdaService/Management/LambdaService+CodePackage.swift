import Foundation
import MiniLambda

/// The zip a function's code came in: its SHA-256 (base64) and size, as `CodeSha256` and
/// `CodeSize` show them on AWS.
package struct CodePackage: Codable, Sendable, Hashable {
    package var sha256: String
    package var size: Int
    package init(sha256: String, size: Int) {
        self.sha256 = sha256
        self.size = size
    }
}

extension LambdaService {
    /// How many packages are remembered per function; past that one of the others is
    /// forgotten, and its files show their own digest again.
    static let rememberedPackages = 20

    /// Records that the files whose digest is `filesDigest` came from `package` (after
    /// CreateFunction or UpdateFunctionCode with a zip).
    package func recordCodePackage(_ name: String, filesDigest: String, package: CodePackage) throws(LambdaServiceError) {
        try updateState(name) { state throws(LambdaServiceError) in
            var packages = state.codePackages ?? [:]
            packages[filesDigest] = package
            if packages.count > Self.rememberedPackages, let oldest = packages.keys.sorted().first(where: { $0 != filesDigest }) {
                packages[oldest] = nil
            }
            state.codePackages = packages
        }
    }

    /// The zip that brought the files with digest `filesDigest`, if the API brought them.
    package func codePackage(_ name: String, filesDigest: String) -> CodePackage? {
        (try? functions.state(name))?.codePackages?[filesDigest]
    }
}
