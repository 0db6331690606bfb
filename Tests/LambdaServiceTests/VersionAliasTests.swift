import Foundation
import LambdaService
import MiniLambda
import Testing

@Suite struct VersionAliasTests {
    @Test func publishFreezesCodeAndSettings() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "orders")
        let one = try f.service.publishVersion("orders", description: "first")
        #expect(one.version == "1")
        #expect(one.functionArn.hasSuffix(":function:orders:1"))
        // Nothing changed: AWS gives the same version back.
        #expect(try f.service.publishVersion("orders").version == "1")
        try await f.service.updateFunctionConfiguration("orders", ConfigurationUpdate(settings: ["memory=512"]))
        try f.functions.writeCode("orders", file: "lambda_function.py", contents: "def lambda_handler(e, c):\n    return 2\n")
        #expect(try f.service.publishVersion("orders").version == "2")
        #expect(try f.service.listVersionsByFunction("orders").map(\.version) == ["$LATEST", "1", "2"])

        _ = try await f.invoke("orders:1")
        _ = try await f.invoke("orders", qualifier: "2")
        _ = try await f.invoke("orders")
        let ran = f.invoker.invoked
        #expect(ran.map(\.version) == ["1", "2", "$LATEST"])
        #expect(ran[0].configuration.memorySize == 128, "version 1 keeps the settings it was published with")
        #expect(ran[1].configuration.memorySize == 512)
        let frozen = try String(contentsOf: ran[0].codeDirectory.appendingPathComponent("lambda_function.py"), encoding: .utf8)
        #expect(!frozen.contains("return 2"), "version 1 keeps its code")
        #expect(ran[0].codeDirectory != ran[2].codeDirectory)
        // Versions survive a new session.
        #expect(try f.reopened().listVersionsByFunction("orders").count == 3)
    }

    @Test func unknownVersionsAndAliasesAreNotFound() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "orders")
        for qualifier in ["7", "prod"] {
            do {
                _ = try await f.invoke("orders:\(qualifier)")
                Issue.record("orders:\(qualifier) was invoked")
            } catch let error as LambdaServiceError {
                #expect(error.code == .resourceNotFound)
                #expect(error.httpStatus == 404)
                #expect(error.message == "Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders:\(qualifier)")
            }
        }
        #expect(throws: LambdaServiceError.self) { try f.service.createAlias("orders", name: "prod", functionVersion: "3") }
        #expect(throws: LambdaServiceError.self) { try f.service.createAlias("orders", name: "12", functionVersion: "$LATEST") }
    }

    @Test func aliasPointsAtAVersionAndReportsIt() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "orders")
        try f.service.publishVersion("orders")
        let alias = try f.service.createAlias("orders", name: "prod", functionVersion: "1")
        #expect(alias.aliasArn == "arn:aws:lambda:us-east-1:123456789012:function:orders:prod")
        let result = try await f.invoke("arn:aws:lambda:us-east-1:123456789012:function:orders:prod")
        #expect(result.executedVersion == "1")
        do {
            _ = try f.service.createAlias("orders", name: "prod", functionVersion: "1")
            Issue.record("a second alias prod was created")
        } catch {
            #expect(error.code == .resourceConflict)
            #expect(error.httpStatus == 409)
        }
        #expect(try f.service.listAliases("orders").map(\.name) == ["prod"])
    }

    /// 4,000 invocations of an alias with 30 % on version 2: the share is within five standard
    /// deviations (0.0072 each) of 0.3, and the rest ran version 1.
    @Test func weightedAliasRoutesByWeight() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "orders")
        try f.service.publishVersion("orders")
        try await f.service.updateFunctionConfiguration("orders", ConfigurationUpdate(settings: ["timeout=9"]))
        try f.service.publishVersion("orders")
        try f.service.createAlias("orders", name: "live", functionVersion: "1",
                                  routingConfig: AliasRoutingConfiguration(additionalVersionWeights: ["2": 0.3]))
        var counts: [String: Int] = [:]
        let total = 4_000
        for _ in 0..<total { counts[try await f.invoke("orders:live").executedVersion, default: 0] += 1 }
        #expect(counts.keys.sorted() == ["1", "2"])
        let share = Double(counts["2", default: 0]) / Double(total)
        let sigma = (0.3 * 0.7 / Double(total)).squareRoot()
        #expect(abs(share - 0.3) < 5 * sigma, "version 2 got \(share)")
    }

    @Test func routingRules() throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "orders")
        try f.service.publishVersion("orders")
        #expect(throws: LambdaServiceError.self, "weights need published versions") {
            try f.service.createAlias("orders", name: "a", functionVersion: "$LATEST", routingConfig: AliasRoutingConfiguration(additionalVersionWeights: ["1": 0.5]))
        }
        #expect(throws: LambdaServiceError.self, "a weight is at most 1") {
            try f.service.createAlias("orders", name: "b", functionVersion: "1", routingConfig: AliasRoutingConfiguration(additionalVersionWeights: ["1": 1.5]))
        }
    }

    @Test func references() throws {
        #expect(try FunctionReference(parsing: "f") == FunctionReference(name: "f"))
        #expect(try FunctionReference(parsing: "f:prod") == FunctionReference(name: "f", qualifier: "prod"))
        #expect(try FunctionReference(parsing: "123456789012:function:f:3") == FunctionReference(name: "f", qualifier: "3"))
        #expect(try FunctionReference(parsing: "arn:aws:lambda:us-east-1:123456789012:function:f", qualifier: "$LATEST").resolvedQualifier == "$LATEST")
        #expect(throws: LambdaServiceError.self) { try FunctionReference(parsing: "f:prod", qualifier: "dev") }
        #expect(throws: LambdaServiceError.self) { try FunctionReference(parsing: "a:b:c:d") }
    }

    @Test func configurationUpdateParsesOnce() throws {
        let update = try ConfigurationUpdate(settings: ["memory=512", "env.A1=x", "env.B2=", "reserved=3", "log-format=json"])
        #expect(update.memorySize == 512)
        #expect(update.environmentChanges == ["A1": .some("x"), "B2": String?.none])
        #expect(update.reservedConcurrency == .limit(3))
        #expect(update.logFormat == "json")
        #expect(try ConfigurationUpdate(settings: ["reserved=none"]).reservedConcurrency == .unreserved)
        #expect(throws: MiniLambdaError.self) { try ConfigurationUpdate(settings: ["memroy=1"]) }
    }
}
