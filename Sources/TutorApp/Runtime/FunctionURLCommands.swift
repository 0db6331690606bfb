import Foundation
import LambdaService
import LineEditor
import LocalEndpoint
import MiniLambda
import TerminalUI
import TutorSupport
import LineEditor

/// `fn url` (function URLs, payload 2.0) and `route` (the REST-style API, payload 1.0): the
/// same URL configs and routes the API's CreateFunctionUrlConfig … make, served on loopback
/// by the session's ``FunctionURLService``.
extension Command {
    /// `fn url NAME[:ALIAS] [--cors ORIGIN] [--rm]`, `fn url [--list]`.
    static func fnURL(_ context: CommandContext, _ service: RuntimeService) async throws {
        let arguments = context.arguments
        try arguments.expectAtMost(2)
        let style = context.console.style
        guard let target = arguments.positional(1), !arguments.flag("list") else {
            guard arguments.option("cors") == nil, !arguments.flag("rm") else { throw CommandError("fn url --cors and --rm need a function: fn url NAME --rm") }
            return try await listURLs(context, service)
        }
        let reference = try FunctionReference(parsing: target)
        if arguments.flag("rm") {
            try service.lambda.deleteFunctionURLConfig(reference)
            context.console.say(style.success("✓") + " Deleted the function URL of \(reference); it answers no more.", hanging: 2)
            return
        }
        let cors = arguments.option("cors").map { origin in
            FunctionURLCors(allowHeaders: ["*"], allowMethods: ["*"], allowOrigins: [origin], maxAge: 300)
        }
        let existing = try? service.lambda.getFunctionURLConfig(reference)
        let config: FunctionURLConfig
        if let existing {
            config = cors == nil ? existing : try service.lambda.updateFunctionURLConfig(reference, cors: cors)
        } else {
            config = try service.lambda.createFunctionURLConfig(reference, authType: "NONE", cors: cors)
        }
        let (host, servedBy) = try await FunctionURLService.of(context.session).host(context.session)
        let url = host.url(config.urlID)
        if existing == nil {
            context.console.say(style.success("✓") + " Created a function URL for \(reference) (AuthType NONE, payload format 2.0).", hanging: 2)
        } else if cors != nil {
            context.console.say(style.success("✓") + " Updated the CORS settings of \(reference)'s function URL.", hanging: 2)
        }
        context.console.line("  " + style.bold(url))
        context.console.line("  try: " + style.code("curl -i '\(url)?name=Ada'"))
        if let origins = config.cors?.allowOrigins { context.console.line("  CORS: origins \(origins.joined(separator: ", "))") }
        if let servedBy { context.console.line(style.muted("  answered by lambda-tutor process \(servedBy), which serves this data folder")) }
        context.console.wrapped(style.muted("On AWS it would be https://\(config.urlID).lambda-url.\(LambdaIdentity.region).on.aws/; here it is plain HTTP on 127.0.0.1, for your user only. curl and browsers find *.localhost by themselves; other clients: connect to 127.0.0.1:\(host.port) with the name as Host."), indent: 2)
    }

    static func listURLs(_ context: CommandContext, _ service: RuntimeService) async throws {
        let all = service.lambda.allFunctionURLs()
        let style = context.console.style
        guard !all.isEmpty else {
            context.console.line("No function URLs yet. " + style.code("fn url NAME") + " gives a function one.")
            return
        }
        let (host, _) = try await FunctionURLService.of(context.session).host(context.session)
        for entry in all {
            let name = entry.function + (entry.config.qualifier.map { ":\($0)" } ?? "")
            context.console.line("  " + style.bold(name) + "  " + host.url(entry.config.urlID))
        }
    }

    /// What `serve` and `api start` print about URLs: each URL, and the REST-style routes.
    static func servedURLsText(_ lambda: LambdaService, host: FunctionURLHost, style: Style) -> String {
        var lines = ["  Function URLs on 127.0.0.1:\(host.port) (payload 2.0; 'fn url NAME' adds one):"]
        let urls = lambda.allFunctionURLs()
        if urls.isEmpty { lines.append(style.muted("    none yet")) }
        for entry in urls {
            lines.append("    \(entry.function)\(entry.config.qualifier.map { ":\($0)" } ?? "")  \(host.url(entry.config.urlID))")
        }
        let routes = lambda.listProxyRoutes()
        if !routes.isEmpty {
            lines.append("  REST-style API (payload 1.0) at \(host.restBase):")
            for entry in routes {
                lines.append("    \(entry.route.method) \(entry.route.resource) → \(entry.function)\(entry.route.qualifier.map { ":\($0)" } ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }

    static var urlCommands: [Command] { [route] }

    static let route = Command(
        "route", group: .runtime,
        summary: "A REST-style API (payload 1.0) in front of your functions",
        usage: ["route add METHOD PATH NAME[:ALIAS]", "route rm METHOD PATH", "route", "route list"],
        discussion: """
        `route add GET /items/{id} NAME` sends GET requests for /items/… to NAME with the event of an API \
        Gateway REST API's Lambda proxy integration (payload format 1.0: resource, path, httpMethod, \
        headers and multiValueHeaders, queryStringParameters and multiValueQueryStringParameters, \
        pathParameters, requestContext, body, isBase64Encoded). METHOD is GET, POST, PUT, PATCH, DELETE, HEAD, \
        OPTIONS or ANY; PATH may have {name} parameters and a last {name+} that takes the rest. \
        The function must answer with a statusCode (payload 1.0 infers nothing): a malformed answer or a \
        failed function is a 502 {"message": "Internal server error"}, as API Gateway answers. The API is \
        http://<api-id>.execute-api.us-east-1.localhost:PORT/local/… on 127.0.0.1 (the stage is `local`); \
        `route` lists the routes and the base URL.
        """,
        examples: ["route add GET /items/{id} hello", "route add ANY /{proxy+} hello:prod", "route", "route rm GET /items/{id}"],
        complete: { request, session in
            let words = request.precedingWords
            switch words.count {
            case 1: return ["add", "rm", "list"]
            case 2 where words[1] == "add" || words[1] == "rm": return ProxyRoute.methods
            case 4 where words[1] == "add": return RuntimeService.of(session).functionNames
            default: return []
            }
        },
        run: { context in
            let arguments = context.arguments
            let runtime = RuntimeService.of(context.session)
            let style = context.console.style
            switch arguments.positional(0) {
            case nil, "list", "ls":
                try arguments.expectAtMost(1)
                let (host, _) = try await FunctionURLService.of(context.session).host(context.session)
                let routes = runtime.lambda.listProxyRoutes()
                guard !routes.isEmpty else {
                    context.console.line("No routes yet. " + style.code("route add GET /items/{id} NAME") + " adds one.")
                    return
                }
                context.console.line("  " + style.bold(host.restBase) + style.muted("  (payload 1.0)"))
                for entry in routes {
                    context.console.line("  \(entry.route.method.padding(toLength: 7, withPad: " ", startingAt: 0)) \(entry.route.resource) → \(entry.function)\(entry.route.qualifier.map { ":\($0)" } ?? "")")
                }
            case "add":
                try arguments.expectAtMost(4)
                let method = try arguments.required(1, "a method (GET, POST, … or ANY)")
                let resource = try arguments.required(2, "a path such as /items/{id}")
                let reference = try FunctionReference(parsing: try arguments.required(3, "the function to invoke"))
                let route = try runtime.lambda.addProxyRoute(method: method, resource: resource, to: reference)
                let (host, _) = try await FunctionURLService.of(context.session).host(context.session)
                context.console.say(style.success("✓") + " \(route.method) \(route.resource) → \(reference) (payload format 1.0).", hanging: 2)
                let example = route.resource.split(separator: "/").map { $0.hasPrefix("{") ? "42" : String($0) }.joined(separator: "/")
                let verb = route.method == "ANY" ? "GET" : route.method
                context.console.line("  try: " + style.code("curl -i -X \(verb) '\(host.restBase)/\(example)'"))
            case "rm", "delete":
                try arguments.expectAtMost(3)
                let method = try arguments.required(1, "the route's method")
                let resource = try arguments.required(2, "the route's path")
                guard try runtime.lambda.removeProxyRoute(method: method, resource: resource) else {
                    throw CommandError("no route \(method.uppercased()) \(resource)", hint: "'route' lists them")
                }
                context.console.line(style.success("✓") + " Removed \(method.uppercased()) \(resource).")
            case let other?:
                throw CommandError("route has no subcommand '\(other)'", hint: Suggestions.didYouMean(other, in: ["add", "rm", "list"]) ?? "see 'help route'")
            }
        })
}
