export default () => 'anonymous default arrow';
