import Foundation
import MiniLambda

extension LambdaService {
    /// DeleteFunction with a version number as its qualifier: that one published version goes
    /// (its frozen code and settings, its provisioned concurrency), as on AWS; its number is
    /// never reused. Refused while an alias points at it (AWS's 409), and for `$LATEST` or an
    /// alias name (400). Idle environments that ran it stop.
    package func deleteFunctionVersion(_ name: String, version qualifier: String) async throws(LambdaServiceError) {
        guard functions.exists(name) else { throw LambdaServiceError(functions.notFound(name)) }
        guard FunctionVersion.isPublished(qualifier), let number = Int(qualifier) else {
            throw .invalid(qualifier == FunctionVersion.latest
                ? "$LATEST version cannot be deleted without deleting the function."
                : "Deletion of aliases is not supported by DeleteFunction; use DeleteAlias (qualifier \(qualifier))")
        }
        try updateState(name) { state throws(LambdaServiceError) in
            guard state.versions.contains(number) else { throw .notFound(notFoundMessage(name, qualifier)) }
            let users = state.aliases.values.filter { alias in
                alias.functionVersion == qualifier || alias.routingConfig?.additionalVersionWeights[qualifier] != nil
            }.map(\.name).sorted()
            guard users.isEmpty else {
                throw .conflict("Unable to delete version because the following aliases reference it: [\(users.joined(separator: ", "))]")
            }
            state.versions.removeAll { $0 == number }
            state.versionDescriptions[qualifier] = nil
            state.provisioned[qualifier] = nil
        }
        concurrency.setProvisioned("\(name):\(qualifier)", nil)
        if let folder = try? functions.versionFolder(name, number) { try? FileManager.default.removeItem(at: folder) }
        sweepDeletedLayers()
        await retireOutdatedEnvironments(name)
    }
}
