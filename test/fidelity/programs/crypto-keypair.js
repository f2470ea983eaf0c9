// generateKeyPair (async, threadpool): ed25519 with PEM encodings (print only the PEM markers),
// EC P-256 as KeyObjects (type, asymmetricKeyType, namedCurve), RSA 1024 exported as JWK (kty,
// e) plus a sign/verify round trip; promisified form; an unknown type throws synchronously.
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const firstLine = (pem) => pem.split('\n')[0];

crypto.generateKeyPair('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
}, (err, pub, priv) => {
  console.log('ed25519:', err, firstLine(pub), firstLine(priv));
  crypto.generateKeyPair('ec', { namedCurve: 'P-256' }, (err2, pubKey, privKey) => {
    console.log('ec:', pubKey.type, pubKey.asymmetricKeyType, pubKey.asymmetricKeyDetails.namedCurve, privKey.type);
    promisify(crypto.generateKeyPair)('rsa', { modulusLength: 1024 }).then(({ publicKey, privateKey }) => {
      const jwk = publicKey.export({ format: 'jwk' });
      console.log('rsa:', publicKey.asymmetricKeyType, publicKey.asymmetricKeyDetails.modulusLength, jwk.kty, jwk.e);
      const sig = crypto.sign('sha256', Buffer.from('msg'), privateKey);
      console.log('rsa signature length', sig.length, 'verifies', crypto.verify('sha256', Buffer.from('msg'), publicKey, sig));
      try {
        crypto.generateKeyPair('nope', {}, () => {});
      } catch (e) {
        console.log('unknown type:', e.code);
      }
    });
  });
});
console.log('sync end');
