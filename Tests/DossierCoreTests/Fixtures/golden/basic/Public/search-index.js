window.DOSSIER_SEARCH_INDEX = [
{"kind":"article","title":"Second report","path":"articles/second-report/index.html","description":"12 May 2023","words":"second report a later look back. author b as the first report said, the president agreed. then he left."},
{"kind":"article","title":"First report","path":"articles/first-report/index.html","description":"Outlet A, February 2017","words":"first report putin met lukashenka in minsk. they spoke of border checks. later the figure was 80 and russia agreed."},
{"kind":"actor","title":"Alexander Lukashenko","path":"actors/alexander-lukashenko/index.html","description":"President of Belarus","words":"alexander lukashenko lukashenka alyaksandr lukashenka president of belarus"},
{"kind":"actor","title":"Russia","path":"actors/russia/index.html","description":"state","words":"russia"},
{"kind":"actor","title":"Vladimir Putin","path":"actors/vladimir-putin/index.html","description":"President of Russia","words":"vladimir putin putin president of russia"},
{"kind":"topic","title":"Border controls","path":"topics/border-controls/index.html","description":"","words":"border controls"},
{"kind":"topic","title":"Test topic","path":"topics/test-topic/index.html","description":"What the tests are about.","words":"test topic what the tests are about."},
{"kind":"event","title":"The border controls are lifted","path":"timeline/index.html#event-border-opened","description":"1995","words":"the border controls are lifted 1995"},
{"kind":"event","title":"Visa-free entry begins","path":"timeline/index.html#event-first-report--2","description":"9 January 2017","words":"visa-free entry begins 9 january 2017"}
];
