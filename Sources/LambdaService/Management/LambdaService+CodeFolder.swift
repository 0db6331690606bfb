import Foundation
import MiniLambda

extension LambdaService {
    /// The folder holding the code `version` of `name` runs (`$LATEST` or a published number):
    /// LocalEndpoint's `CodeSize` and `CodeSha256` are computed over it. Added by the
    /// front-door work (LocalEndpoint), kept apart from the service's own files.
    package func codeFolder(_ name: String, version: String) throws(LambdaServiceError) -> URL {
        try package(name, version: version).codeDirectory
    }
}
