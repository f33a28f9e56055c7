/// Plain pages (`content/<name>.md`, e.g. the About page): one page each, in its own language.
struct PageRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        c.site.pages(.page, c.language).map { c.contentPage($0, template: Page.Kind.page.info.template) { body, _ in body } }
    }
}
