// Types for the few deep natural modules the engine imports. We import by file path because
// `natural`'s index loads its storage back-ends (mongoose, pg, redis) and runs dotenv.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_nl.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const list: { words: string[] };
  export default list;
}
declare module 'natural/lib/natural/util/stopwords_nl.js' {
  const list: { words: string[] };
  export default list;
}
declare module 'natural/lib/natural/util/stopwords_fr.js' {
  const list: { words: string[] };
  export default list;
}
declare module 'natural/lib/natural/util/stopwords_pl.js' {
  const list: { words: string[] };
  export default list;
}
