import Foundation

/// The search script: no framework, no WebAssembly. It does nothing until the resident types; then
/// it folds the query as `Folding` does, fetches only the shards its words need, ranks, and fetches
/// the result chunks of the top hits. Served once for the site under a content-hashed name.
enum SearchScript {
    static let url = "/search/search.\(Assets.fingerprint(Data(source.utf8))).js"

    /// Kept in step with `Folding.fold`, `Folding.formHash`, `SearchUnits.shardKey` and `ShardPlan`.
    static let source = #"""
    (function(){
    "use strict";
    var f=document.querySelector(".search-form");if(!f||!window.fetch||!"".normalize)return;
    var M=JSON.parse(f.dataset.index),q=f.querySelector("input"),st=document.getElementById("search-status"),
    ol=document.getElementById("search-results"),cache={},run=0,T,K,KP;
    f.hidden=false;document.documentElement.classList.add("js-search");
    function fold(s){return s.normalize("NFD").toLowerCase().replace(/[\u0300-\u036f]/g,"").replace(/\u0111/g,"d")}
    function words(s){return s.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}\p{Mn}]+/gu)||[]}
    function form(w){var h=0;for(var c of w)h=(h*31+c.codePointAt(0))%1000003;return h%32}
    function key(t){return t.slice(0,2).replace(/[^a-z0-9]/g,"_")}
    // The shard keys: on the page, or on a large site a file fetched when the box is first used
    // (and again after a failed fetch).
    function keys(){return KP||(KP=(M.k?get(M.k):Promise.resolve(M.t)).then(function(s){
      K={};s.split(" ").forEach(function(k){if(k)K[k]=1});return K},function(e){KP=null;delete cache[M.k];throw e}))}
    // The shards that can hold a term (every term it begins, if a prefix): its group's, or in a
    // split group (ShardPlan) the shard of the longest hot syllable it begins with, else the rest.
    function shards(t,prefix){
      var g=key(t),y=t.split(" ")[0].replace(/[^a-z0-9]/g,"_"),best="",out=[];
      if(K[g])return[g];
      Object.keys(K).forEach(function(k){if(k.indexOf(g+"-")!==0||k===g+"-")return;var x=k.slice(g.length+1);
        if(y.indexOf(x)===0&&x.length>best.length)best=x;if(prefix&&x.indexOf(y)===0)out.push(k)});
      if(best)out.push(g+"-"+best);else if(K[g+"-"])out.push(g+"-");
      return out}
    function tn(k){return "t-"+k+"."+M.v+".json"}
    function get(n){return cache[n]||(cache[n]=fetch(M.b+n).then(function(r){if(!r.ok)throw r.status;return r.json()}))}
    function each(list,fn){for(var d=0,i=0;i<list.length;i+=2){d+=list[i];fn(d,list[i+1]>>5,list[i+1]&31)}}
    function alternatives(fo){
      var s=" "+fo.join(" ")+" ",out=[fo];
      M.y.forEach(function(g){g.forEach(function(a){if(s.indexOf(" "+a+" ")<0)return;
        g.forEach(function(b){if(b!==a)out.push(s.replace(" "+a+" "," "+b+" ").trim().split(" "))})})});
      return out}
    // pre: the last syllable may be unfinished (the typed query, not a synonym's replacement).
    function rank(terms,exact,S,best,pre){
      var n=terms.length,got={};
      function add(d,v,slot){var g=got[d]||(got[d]={m:{},s:0});g.m[slot]=1;g.s+=v}
      function matching(sh,t,prefix){return prefix?Object.keys(sh).filter(function(k){return k.indexOf(t)===0}):sh[t]?[t]:[]}
      terms.forEach(function(t,i){
        var sh=S,prefix=pre&&i===n-1&&t.length>1,seen={};
        matching(sh,t,prefix).forEach(function(k){if(k.indexOf(" ")>=0)return;each(sh[k],function(d,s,h){
          var v=k===t?s:s/2;if(k===t&&exact[i]!=null&&h===exact[i])v+=s;
          if(!seen[d]||seen[d]<v)seen[d]=v})});
        for(var d in seen)add(d,seen[d],i);
        if(i<n-1){var p=t+" "+terms[i+1];matching(sh,p,pre&&i+1===n-1&&terms[i+1].length>1).forEach(function(k){
          each(sh[k],function(d,s){add(d,2*s,"p"+i)})})}
      });
      for(var d in got){var g=got[d],m=0;for(var i=0;i<n;i++)if(g.m[i])m++;
        var v=(m===n?1e6:0)+m*1e3+g.s;if(!best[d]||best[d]<v)best[d]=v}}
    function mark(el,text,terms){
      var last=terms[terms.length-1];
      text.split(/([\p{L}\p{N}\p{Mn}]+)/u).forEach(function(w,i){
        var fw=fold(w);
        if(i%2&&terms.some(function(t){return fw===t||(t===last&&t.length>1&&fw.indexOf(t)===0)})){
          var m=document.createElement("mark");m.textContent=w;el.appendChild(m)}
        else el.appendChild(document.createTextNode(w))})}
    function show(hits,docs,terms,n){
      ol.textContent="";
      hits.forEach(function(d){var e=docs[d];if(!e)return;
        var li=document.createElement("li"),a=document.createElement("a"),t=document.createElement("span"),
        s=document.createElement("span"),p=document.createElement("p");
        a.href=e[0];t.className="search-title";mark(t,e[1],terms);s.className="search-section";s.textContent=e[2];
        a.appendChild(t);a.appendChild(s);li.appendChild(a);
        if(e[3]){mark(p,e[3],terms);li.appendChild(p)}ol.appendChild(li)});
      var say=n?f.dataset.count.replace("{n}",n):f.dataset.none;if(st.textContent!==say)st.textContent=say}
    function docsOf(list){
      var cs={};list.forEach(function(d){cs[Math.floor(d/M.n)]=1});cs=Object.keys(cs);
      return Promise.all(cs.map(function(c){return get("d-"+c+"."+M.v+".json")})).then(function(lists){
        var docs={};cs.forEach(function(c,i){lists[i].forEach(function(e,j){docs[c*M.n+j]=e})});return docs})}
    function search(){
      var me=++run,ex=words(q.value);
      if(!ex.length){ol.textContent="";st.textContent="";return}
      var fo=ex.map(fold),exact=ex.map(function(w,i){return w!==fo[i]?form(w):null}),alts=alternatives(fo);
      keys().then(function(){
        var need={};
        alts.forEach(function(a,j){a.forEach(function(t,i){shards(t,!j&&i===a.length-1&&t.length>1).forEach(function(k){need[k]=1})})});
        return Promise.all(Object.keys(need).map(function(k){return get(tn(k))}))}).then(function(parts){
        if(me!==run)return;
        var S={},best={};parts.forEach(function(p){for(var t in p)S[t]=p[t]});
        alts.forEach(function(a,j){rank(a,j?[]:exact,S,best,!j)});
        var hits=Object.keys(best).sort(function(a,b){return best[b]-best[a]||a-b}).slice(0,10).map(Number),top=hits.slice(0,5);
        // The top five first: on a slow link each result chunk is a request, and a browser opens
        // six at a time; the next five follow.
        return docsOf(top).then(function(docs){
          if(me!==run)return;show(top,docs,fo,hits.length);
          return docsOf(hits).then(function(docs){if(me===run)show(hits,docs,fo,hits.length)})})
      }).catch(function(){if(me===run)st.textContent=f.dataset.error})}
    f.addEventListener("submit",function(e){e.preventDefault();search()});
    // A syllable's shard is known from its letters: fetch it while the rest is typed (not a split
    // group's rest shard, which a longer word rarely needs); on
    // a small site (two result chunks or fewer) the chunks too, saving a round trip on slow links.
    q.addEventListener("focus",function(){keys().catch(function(){})});
    q.addEventListener("input",function(){
      var v=q.value;keys().then(function(){
        words(v).forEach(function(w){if(w.length>1)shards(fold(w),false).forEach(function(k){if(k.slice(-1)!=="-")get(tn(k))})})}).catch(function(){});
      for(var c=0;c<M.d&&M.d<3;c++)get("d-"+c+"."+M.v+".json");
      clearTimeout(T);T=setTimeout(search,120)});
    var start=new URLSearchParams(location.search).get("q");if(start){q.value=start;search()}
    })();

    """#
}
