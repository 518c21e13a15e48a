// Vue's runtime-only build: templates are render functions (h), so the page needs no
// 'unsafe-eval' in its Content-Security-Policy (docs/adr/0007). The version is the WebJar's
// in pom.xml; StaticFilesIT checks that every import here resolves.
export * from '/webjars/vue/3.5.13/dist/vue.runtime.esm-browser.prod.js';
