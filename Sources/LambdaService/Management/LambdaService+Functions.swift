import Foundation
import MiniLambda

/// The control plane for functions: CreateFunction, GetFunction(Configuration), ListFunctions,
/// UpdateFunctionConfiguration, UpdateFunctionCode, DeleteFunction. The REPL's `fn` commands
/// and the REST layer call these, so both manage the same functions in the same way.
extension LambdaService {
    /// Where a new function's code comes from.
    package enum FunctionCode: Sendable {
        /// One of the tutor's templates (`fn new NAME --template s3`).
        case template(FunctionTemplate.Kind)
        /// A copy of a file or of a folder's contents (`fn new NAME --from PATH`; the REST
        /// layer unzips a CreateFunction zip into a folder and passes it).
        case copy(URL)
    }

    /// CreateFunction: `ResourceConflictException` if the name is taken.
    @discardableResult
    package func createFunction(name: String, runtime: FunctionRuntime = .python, handler: String? = nil,
                               code: FunctionCode = .template(.hello)) throws(LambdaServiceError) -> FunctionConfiguration {
        try serviceCall { () throws(MiniLambdaError) in
            switch code {
            case .template(let kind): return try functions.create(name: name, runtime: runtime, template: kind, handler: handler)
            case .copy(let source): return try functions.create(name: name, runtime: runtime, from: source, handler: handler)
            }
        }
    }

    /// GetFunctionConfiguration of `$LATEST` (versions: ``getFunctionConfiguration(_:)``).
    package func getFunctionConfiguration(name: String) throws(LambdaServiceError) -> FunctionConfiguration {
        // The package cache's copy while `function.json` is unchanged: Invoke through the API
        // checks the function exists with this on every call.
        try latestPackage(name).configuration
    }

    /// ListFunctions: every function whose settings can be read, and a sentence for each that cannot.
    package func listFunctions() -> (functions: [FunctionConfiguration], problems: [String]) {
        functions.list()
    }

    /// UpdateFunctionConfiguration (and, for `reservedConcurrency`, Put/DeleteFunctionConcurrency):
    /// applies, validates and saves, then retires the idle environments that run the old
    /// settings, as an update does on AWS. Published versions keep theirs.
    @discardableResult
    package func updateFunctionConfiguration(_ name: String, _ update: ConfigurationUpdate) async throws(LambdaServiceError) -> FunctionConfiguration {
        var configuration = try getFunctionConfiguration(name: name)
        var update = update
        if let layers = update.layers { update.layers = try checkedLayers(layers, for: name) }
        if let reserved = update.reservedConcurrency {
            switch reserved {
            case .limit(let value): try putFunctionConcurrency(name, reservedConcurrentExecutions: value)
            case .unreserved: try deleteFunctionConcurrency(name)
            }
        }
        if update.changesFunctionSettings {
            configuration = try serviceCall { () throws(MiniLambdaError) in try functions.configure(name, update) }
            await retireOutdatedEnvironments(name)
            if update.layers != nil { sweepDeletedLayers() }
        }
        return configuration
    }

    /// After the code of `$LATEST` changed in place (an editor saved a file, `load` wrote one):
    /// `LastModified` and the revision move on, and idle environments with the old code stop.
    package func codeChanged(_ name: String) async throws(LambdaServiceError) {
        try serviceCall { () throws(MiniLambdaError) in try functions.codeChanged(name) }
        await retireOutdatedEnvironments(name)
    }

    /// UpdateFunctionCode with a file or a folder's contents: replaces every code file of
    /// `$LATEST` and retires the environments running the old code.
    package func updateFunctionCode(_ name: String, from source: URL) async throws(LambdaServiceError) {
        try serviceCall { () throws(MiniLambdaError) in try functions.replaceCode(name, from: source) }
        await retireOutdatedEnvironments(name)
    }

    /// DeleteFunction: removes the function with its versions and aliases, and stops its environments.
    package func deleteFunction(_ name: String) async throws(LambdaServiceError) {
        try serviceCall { () throws(MiniLambdaError) in try functions.remove(name) }
        sweepDeletedLayers()
        concurrency.forget(name)
        metrics.forget(name)
        await invoker.retireEnvironments(functionName: name)
    }

    /// Stops the idle environments of `name` that run neither `$LATEST` as it is now nor a
    /// published version (after its code changed in place, as an editor saves it).
    package func retireOutdatedEnvironments(_ name: String) async {
        guard let current = try? functions.package(name) else {
            await invoker.retireEnvironments(functionName: name)
            return
        }
        await invoker.retireOutdatedEnvironments(current: current, keeping: publishedPackages(name))
    }
}
