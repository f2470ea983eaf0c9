export default class {
  static kind() {
    return 'anonymous default class';
  }
}
