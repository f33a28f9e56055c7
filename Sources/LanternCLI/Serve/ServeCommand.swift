import ArgumentParser
import FlyingFox
import Foundation
import Lantern

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site in memory and serve it with live reload while you edit.",
        discussion: "Listens on 127.0.0.1 unless --host says otherwise. Nothing is written to disk.")

    @Option(name: .long, help: "Port to listen on.") var port: UInt16 = 8080
    @Option(name: .long, help: "Address to listen on; another than 127.0.0.1 only when you mean it.") var host = "127.0.0.1"
    @Option(name: .long, help: "The site folder, holding content/ and templates/.") var source = "."
    @Flag(name: .long, help: "Include pages marked `draft: true`.") var drafts = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: (source as NSString).appendingPathComponent("content")) else {
            throw ValidationError("there is no content/ folder in \(source); pass --source with the site folder")
        }
        let site = PreviewSite(source: source, drafts: drafts)
        report(site.rebuild(), first: true)

        let address: sockaddr_in
        do { address = try .inet(ip4: host, port: port) } catch {
            throw ValidationError("--host must be an IPv4 address such as 127.0.0.1")
        }
        let server = HTTPServer(address: address, logger: .disabled)
        await server.appendRoute(HTTPRoute(PreviewSite.reloadPath), to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: ReloadSocket(site: site))))
        await server.appendRoute("GET *") { request in Self.response(site.respond(to: request.target.path(percentEncoded: true))) }
        await server.appendRoute("HEAD *") { request in Self.response(site.respond(to: request.target.path(percentEncoded: true))) }

        Watcher(root: source, folders: ["content", "templates"]).start { changed in
            let outcome = site.rebuild(changed: changed)
            report(outcome, first: false)
        }
        print("Serving on http://\(host):\(port)/ — edit files in content/ or templates/; pages reload by themselves. Ctrl-C stops.")
        do {
            try await server.run()
        } catch {
            CLI.printErr("error: the server could not listen on \(host):\(port): \(error)\n  hint: choose another port with --port.")
            throw ExitCode(2)
        }
    }

    static func response(_ r: PreviewSite.Response) -> HTTPResponse {
        switch r {
        case .file(let data, let type):
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: location])
        case .notFound(let data):
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: data)
        case .error(let data):
            return HTTPResponse(statusCode: .internalServerError, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: data)
        }
    }
}

private func report(_ outcome: PreviewSite.Outcome, first: Bool) {
    for d in outcome.diagnostics { CLI.printErr(d.text) }
    let ms = Int(outcome.seconds * 1000)
    if outcome.failed {
        CLI.printErr("Rebuild failed in \(ms) ms; the browser shows the errors until they are fixed.")
    } else {
        CLI.printErr(first ? "Loaded \(outcome.pages) pages in \(ms) ms; each is rendered when first requested."
                     : "Reloaded \(outcome.incremental ? "the changed pages" : "the site") in \(ms) ms.")
    }
}

/// Sends "reload" to a browser tab each time the site is rebuilt.
struct ReloadSocket: WSMessageHandler {
    let site: PreviewSite
    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let changes = site.changes()
        return AsyncStream { continuation in
            let task = Task {
                for await _ in changes { continuation.yield(.text("reload")) }
                continuation.finish()
            }
            let drain = Task { for await _ in client {}; task.cancel(); continuation.finish() }
            continuation.onTermination = { _ in task.cancel(); drain.cancel() }
        }
    }
}
