import Foundation

/// The two scripts of offline reading. Both are progressive enhancement: a browser without service
/// workers, or with scripts off, gets the plain site. Their gzip size together is budgeted
/// (`OfflineScripts.budgetBytes`) because every resident pays for them once.
enum OfflineScripts {
    /// Registration + gzip worker must stay within this (issue 14: 4 KB).
    static let budgetBytes = 4 * 1024
    /// The cache holding guides a resident chose to keep; never deleted by a new build.
    static let savedCache = "lantern-saved"

    /// The page script's address, named by its content so it can be cached forever.
    static let pageScriptURL = "/offline.\(Assets.fingerprint(Data(pageScript.utf8))).js"

    /// Loaded (deferred) by every page: registers `/sw.js`, and once a worker is active brings the
    /// guide's save button and the offline page's list of saved guides to life.
    static let pageScript = #"""
    (function(){"use strict";var n=navigator.serviceWorker,C="lantern-saved";if(!n||!window.caches)return;
    n.register("/sw.js").catch(function(){});
    function stamp(r,x){var h=new Headers(r.headers);h.set("x-saved",new Date().toISOString());if(x)h.set("x-parts",x);
    return r.blob().then(function(b){return new Response(b,{status:r.status,headers:h})})}
    function get(u){return fetch(u,{credentials:"same-origin"}).then(function(r){if(!r.ok)throw r.status;return r})}
    function button(b){var d=b.dataset,w=b.parentNode,st=w.querySelector("[role=status]"),k=location.origin+location.pathname;
    function show(s){b.textContent=s?d.remove:d.save}
    caches.open(C).then(function(c){return c.match(k)}).then(function(r){show(!!r);w.hidden=false});
    b.addEventListener("click",function(){if(navigator.storage&&navigator.storage.persist)navigator.storage.persist();
    caches.open(C).then(function(c){return c.match(k).then(function(r){
    if(r){var p=(r.headers.get("x-parts")||"").split(" ").filter(Boolean);
    return Promise.all([k].concat(p).map(function(u){return c.delete(u)})).then(function(){show(false);st.textContent=d.removed})}
    st.textContent=d.saving;
    var p=[new URL(d.handout,k).href].concat([].map.call(document.querySelectorAll("main img"),function(i){return i.currentSrc||i.src}));
    p=p.filter(function(u,i){return u&&p.indexOf(u)===i});
    return Promise.all(p.map(function(u){return get(u).then(function(r){return stamp(r)}).then(function(r){return c.put(u,r)})}))
    .then(function(){return get(k)}).then(function(r){return stamp(r,p.join(" "))}).then(function(r){return c.put(k,r)})
    .then(function(){show(true);st.textContent=d.saved})})}).catch(function(){st.textContent=d.failed})})}
    function list(l){caches.open(C).then(function(c){return c.keys().then(function(ks){
    var u=ks.map(function(r){return r.url}),g=u.filter(function(x){return /\/$/.test(x)&&(u.indexOf(x+"in/")>=0||u.indexOf(x+"print/")>=0)});
    return Promise.all(g.map(function(x){return c.match(x).then(function(r){return r.text()}).then(function(t){
    var h=new DOMParser().parseFromString(t,"text/html").querySelector("h1");return[x,h?h.textContent:x]})}))})}).then(function(a){
    a.forEach(function(p){var li=document.createElement("li"),e=document.createElement("a");e.href=p[0];e.textContent=p[1];li.appendChild(e);l.appendChild(li)});
    l.hidden=!a.length;document.getElementById("offline-none").hidden=!!a.length})}
    n.ready.then(function(){var b=document.querySelector("[data-offline-save]"),l=document.getElementById("offline-list");
    if(b)button(b);if(l)list(l)})})();
    """#

    /// The worker, with `__V__` (build version), `__SHELL__` (precached URLs), `__OFF__` (offline
    /// page per language prefix), `__NOTE__` (the cached-copy notice per prefix, `{d}` the date)
    /// and `__LOC__` (date locale per prefix) filled in by `worker(…)`.
    ///
    /// Pages: network first; after 3 s a cached copy (saved guide, else a page read before) is
    /// shown instead, and with no network the offline page. A visited page refreshes its saved
    /// copy (a saved guide's photos too), so a new build replaces old copies on the next online
    /// visit. Hashed files: cache first.
    /// Nothing is kept opportunistically when the browser sends `Save-Data: on`.
    static let workerTemplate = #"""
    "use strict";var V="__V__",P="lantern-",SH=P+"shell-"+V,PG=P+"pages-"+V,SV=P+"saved",OFF=__OFF__,NOTE=__NOTE__,LOC=__LOC__;
    function pre(u){var p=new URL(u).pathname,k="";for(var x in OFF)if(x&&(p===x||p.indexOf(x+"/")===0))k=x;return k}
    self.addEventListener("install",function(e){e.waitUntil(caches.open(SH).then(function(c){return c.addAll(__SHELL__)}).then(function(){return self.skipWaiting()}))});
    self.addEventListener("activate",function(e){e.waitUntil(caches.keys().then(function(ks){return Promise.all(ks.filter(function(k){
    return k.indexOf(P)===0&&k!==SH&&k!==PG&&k!==SV}).map(function(k){return caches.delete(k)}))}).then(function(){return self.clients.claim()}))});
    function stamp(r,o){var h=new Headers(r.headers);h.set("x-saved",new Date().toISOString());var x=o&&o.headers.get("x-parts");if(x)h.set("x-parts",x);
    return r.blob().then(function(b){return new Response(b,{status:r.status,headers:h})})}
    function keep(k,r,save){return caches.open(SV).then(function(c){return c.match(k).then(function(o){
    return o?stamp(r,o).then(function(s){return c.put(k,s)}):save&&caches.open(PG).then(function(g){return stamp(r).then(function(s){return g.put(k,s)})})})})}
    function cached(k){return caches.open(SV).then(function(c){return c.match(k)}).then(function(r){return r||caches.open(PG).then(function(c){return c.match(k)})})}
    function note(r,p){var d=r.headers.get("x-saved");if(!d)return r;return r.text().then(function(t){
    var m=new Date(d).toLocaleDateString(LOC[p],{day:"numeric",month:"long",year:"numeric"});
    t=t.replace(/<main[^>]*>/,function(x){return x+'<p class="offline-note" role="status">'+NOTE[p].replace("{d}",m)+"</p>"});
    return new Response(t,{headers:r.headers})})}
    function page(q,k,save){var p=pre(k);return new Promise(function(res){var done=0;
    function give(r){if(!done){done=1;res(r)}}
    var t=setTimeout(function(){cached(k).then(function(c){if(c)give(note(c,p))})},3000);
    fetch(q).then(function(r){clearTimeout(t);if(r.ok&&!r.redirected)keep(k,r.clone(),save);give(r)},function(){clearTimeout(t);
    cached(k).then(function(c){give(c?note(c,p):caches.match(OFF[p]).then(function(o){return o||Response.error()}))})})})}
    self.addEventListener("fetch",function(e){var q=e.request,u=new URL(q.url);if(q.method!=="GET"||u.origin!==location.origin)return;
    var save=q.headers.get("save-data")!=="on",k=u.origin+u.pathname;
    if(q.mode==="navigate")return e.respondWith(page(q,k,save));
    if(/\.[0-9a-f]{8}\.\w+$/.test(u.pathname))return e.respondWith(caches.match(q).then(function(r){return r||fetch(q).then(function(r){
    if(r.ok&&save){var c=r.clone();caches.open(PG).then(function(g){g.put(q,c)})}return r})}));
    e.respondWith(fetch(q).then(function(r){if(r.ok&&!r.redirected)keep(k,r.clone(),false);return r},function(){
    return caches.match(k).then(function(r){return r||Response.error()})}))});
    """#

    /// The worker for one build: `version` names its caches (old ones are deleted on activate),
    /// `shell` is precached, `offline`/`notes`/`locales` are keyed by language URL prefix.
    static func worker(version: String, shell: [String], offline: [String: String], notes: [String: String], locales: [String: String]) -> String {
        workerTemplate
            .replacingOccurrences(of: "__V__", with: version)
            .replacingOccurrences(of: "__SHELL__", with: json(shell))
            .replacingOccurrences(of: "__OFF__", with: json(offline))
            .replacingOccurrences(of: "__NOTE__", with: json(notes))
            .replacingOccurrences(of: "__LOC__", with: json(locales))
    }

    /// JSON with sorted keys, so identical input gives an identical worker.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
