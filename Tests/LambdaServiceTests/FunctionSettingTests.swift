import LambdaService
import MiniLambda
import Testing

/// `fn config`'s settings are named once (``FunctionSetting``): every name and alias reaches
/// the parser of its kind and no other, and the usage lines are built from the same table.
@Suite("fn config settings: one table")
struct FunctionSettingTests {
    @Test("Every function setting and alias is taken by ConfigurationUpdate and refused by AsyncSettings")
    func functionKeys() throws {
        let values: [FunctionSetting: String] = [.memory: "512", .timeout: "10", .ephemeral: "1024", .handler: "app.main",
                                                 .runtime: "python3.12", .description: "d", .network: "host",
                                                 .logFormat: "JSON", .logLevel: "DEBUG", .systemLogLevel: "WARN",
                                                 .reserved: "3", .layers: "a:1", .environment: "v"]
        for setting in FunctionSetting.all(.function) {
            let value = try #require(values[setting], "a sample value for \(setting)")
            for key in [setting == .environment ? "env.TABLE" : setting.rawValue] + setting.aliases {
                let update = try ConfigurationUpdate(settings: ["\(key)=\(value)"])
                #expect(update != ConfigurationUpdate(), "\(key) changes something")
                #expect(FunctionSetting.of("\(key)=\(value)") == setting)
                #expect(!AsyncSettings.isAsyncKey("\(key)=\(value)"))
                #expect(throws: LambdaServiceError.self) { try AsyncSettings().applying(["\(key)=\(value)"]) }
            }
        }
    }

    @Test("Every async setting is taken by AsyncSettings and refused by ConfigurationUpdate")
    func asyncKeys() throws {
        let queue = "arn:aws:sqs:us-east-1:\(LambdaIdentity.accountID):"
        let values: [FunctionSetting: String] = [.asyncRetries: "1", .asyncMaxAge: "120",
                                                 .onSuccess: queue + "ok", .onFailure: queue + "bad", .deadLetter: queue + "dlq"]
        for setting in FunctionSetting.all(.async) {
            let text = setting.setting(try #require(values[setting], "a sample value for \(setting)"))
            #expect(AsyncSettings.isAsyncKey(text))
            #expect(try AsyncSettings().applying([text]) != AsyncSettings(), "\(text) changes something")
            #expect(throws: MiniLambdaError.self) { try ConfigurationUpdate(settings: [text]) }
        }
    }

    @Test("The usage lines and the unknown-setting message come from the table")
    func wording() throws {
        #expect(FunctionSetting.usage(.async) == "[async.retries=0-2] [async.max-age=S] [on-success=ARN] [on-failure=ARN] [dlq=ARN]")
        // `help fn` as it was before the table (issue 9: no change for the learner).
        #expect(FunctionSetting.usage(.function) == "[memory=MB] [timeout=S] [ephemeral=MB] [handler=FILE.FUNCTION] [network=none|host] [reserved=N|none] [layers=NAME:N,…|none] [env.KEY=VALUE …]")
        let error = try #require(throws: MiniLambdaError.self) { try ConfigurationUpdate(settings: ["colour=blue"]) }
        #expect(error.message.contains(FunctionSetting.list(.function)))
        #expect(error.message.contains(FunctionSetting.list(.async)))
    }

    @Test("A misspelt asynchronous setting gets its name suggested, as a function setting does")
    func asyncSuggestion() throws {
        let error = try #require(throws: MiniLambdaError.self) { try ConfigurationUpdate(settings: ["async.retry=1"]) }
        #expect(error.message.contains("async.retries"), "\(error.message)")
        let function = try #require(throws: MiniLambdaError.self) { try ConfigurationUpdate(settings: ["memroy=256"]) }
        #expect(function.message.contains("memory"), "\(function.message)")
    }
}
