declare module "vnu-jar" {
  /** The path of the Nu HTML Checker's jar (a String object). */
  const jar: string;
  export default jar;
}
