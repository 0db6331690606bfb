import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// Function URL configs as the service keeps them: AWS's qualifier rules, kept in the data
/// folder between sessions, and gone with their function or alias.
@Suite("Function URL configs")
struct FunctionURLConfigTests {
    @Test("A URL persists between sessions, and goes with its function and its alias")
    func persistence() async throws {
        let fixture = try ServiceFixture()
        let service = fixture.service
        _ = try service.createFunction(name: "web")
        let created = try service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE")
        #expect(created.urlID.count == 32 && created.urlID.allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(created.creationTime == created.lastModifiedTime)
        // `$LATEST` named is the unqualified URL.
        #expect(try service.getFunctionURLConfig(FunctionReference(name: "web", qualifier: "$LATEST")).urlID == created.urlID)

        let reopened = fixture.reopened()
        #expect(try reopened.getFunctionURLConfig(FunctionReference(name: "web")) == created, "kept in the data folder")
        #expect(reopened.functionURL(id: created.urlID)?.function == "web")
        #expect(reopened.functionURL(id: String(repeating: "a", count: 32)) == nil)

        _ = try service.publishVersion("web")
        _ = try service.createAlias("web", name: "prod", functionVersion: "1")
        let prod = try service.createFunctionURLConfig(FunctionReference(name: "web", qualifier: "prod"), authType: "NONE")
        #expect(prod.functionArn("web").hasSuffix(":function:web:prod"))
        #expect(try service.listFunctionURLConfigs("web").map(\.qualifier) == [nil, "prod"])
        try service.deleteAlias("web", name: "prod")
        #expect(service.functionURL(id: prod.urlID) == nil, "the alias's URL went with it")

        try await service.deleteFunction("web")
        _ = try service.createFunction(name: "web")
        #expect(throws: LambdaServiceError.self) { try service.getFunctionURLConfig(FunctionReference(name: "web")) }
        #expect(service.functionURL(id: created.urlID) == nil, "a new function of the same name has no URL")
    }

    @Test("A version number, AWS_IAM and RESPONSE_STREAM are refused with AWS's codes")
    func refusals() throws {
        let fixture = try ServiceFixture()
        let service = fixture.service
        _ = try service.createFunction(name: "web")
        _ = try service.publishVersion("web")
        func code(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let error as LambdaServiceError { return error.code.rawValue } catch { return "\(error)" }
        }
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "web", qualifier: "1"), authType: "NONE") } == "InvalidParameterValueException")
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "AWS_IAM") } == "InvalidParameterValueException")
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE", invokeMode: "RESPONSE_STREAM") } == "InvalidParameterValueException")
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE", cors: FunctionURLCors(allowMethods: ["OPTIONSX"])) } == "InvalidParameterValueException")
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "web", qualifier: "nope"), authType: "NONE") } == "ResourceNotFoundException")
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "ghost"), authType: "NONE") } == "ResourceNotFoundException")
        #expect(code { try service.deleteFunctionURLConfig(FunctionReference(name: "web")) } == "ResourceNotFoundException")
        _ = try service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE")
        #expect(code { _ = try service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE") } == "ResourceConflictException")
    }
}
