import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_GATEWAY_HOSTS, DEFAULT_TRUSTED_HOSTS, TUNNEL_AND_CATCHER_HOSTS, hostInList, hostMatches, isLocalName, isLoopbackHost, isPrivateIp, isReference,
  normalizeHostPattern, parseUrl, referenceDefault,
} from '../src/util/hosts.ts';

describe('parseUrl', () => {
  it('parses an ordinary https URL', () => {
    const u = parseUrl('https://api.openai.com/v1?x=1');
    assert.ok(u);
    assert.equal(u.scheme, 'https');
    assert.equal(u.host, 'api.openai.com');
    assert.equal(u.port, '');
    assert.equal(u.pathAndQuery, '/v1?x=1');
    assert.equal(u.hasUserinfo, false);
    assert.equal(u.isIp, false);
    assert.equal(u.isLoopback, false);
    assert.equal(u.isLocal, false);
  });

  it('lower-cases the host and removes trailing dots', () => {
    assert.equal(parseUrl('https://API.OpenAI.com./v1')?.host, 'api.openai.com');
    assert.equal(parseUrl('https://api.openai.com../v1')?.host, 'api.openai.com');
  });

  it('sees the real host behind userinfo', () => {
    const trick = parseUrl('https://api.openai.com@evil.example/v1');
    assert.equal(trick?.host, 'evil.example');
    assert.equal(trick?.hasUserinfo, true);
    assert.equal(trick?.userinfoLooksLikeHost, true);
    assert.equal(trick?.hasPassword, false);
    const withPort = parseUrl('https://api.openai.com:443@evil.example/v1');
    assert.equal(withPort?.host, 'evil.example');
    assert.equal(withPort?.userinfoLooksLikeHost, true);
    const creds = parseUrl('https://user:p%40ss@proxy.example/');
    assert.equal(creds?.hasUserinfo, true);
    assert.equal(creds?.userinfoLooksLikeHost, false);
    assert.equal(creds?.hasPassword, true);
  });

  it('keeps look-alike suffixes as the host they are', () => {
    assert.equal(parseUrl('https://api.openai.com.evil.example/v1')?.host, 'api.openai.com.evil.example');
  });

  it('converts IDN hosts to punycode and flags them', () => {
    const u = parseUrl('https://\u0430pi.openai.com/v1'); // Cyrillic a
    assert.equal(u?.host, 'xn--pi-6kc.openai.com');
    assert.equal(u?.isIdn, true);
    assert.equal(parseUrl('https://xn--pi-6kc.openai.com/')?.isIdn, true);
    assert.equal(parseUrl('https://api.openai.com/')?.isIdn, false);
  });

  it('decodes percent-encoded hosts instead of skipping them', () => {
    assert.equal(parseUrl('https://%61pi.openai.com/')?.host, 'api.openai.com');
  });

  it('normalises numeric IPv4 forms and recognises loopback', () => {
    assert.equal(parseUrl('http://0x7f.1/')?.host, '127.0.0.1');
    assert.equal(parseUrl('http://2130706433/')?.isLoopback, true);
    assert.equal(parseUrl('http://127.0.0.1:8080')?.isLoopback, true);
    assert.equal(parseUrl('http://[::1]:8000/')?.isLoopback, true);
    assert.equal(parseUrl('http://[::ffff:127.0.0.1]/')?.isLoopback, true);
    assert.equal(parseUrl('http://localhost:11434')?.isLoopback, true);
    assert.equal(parseUrl('http://app.localhost/')?.isLoopback, true);
  });

  it('classifies raw IPs', () => {
    const pub = parseUrl('http://203.0.113.9/v1');
    assert.equal(pub?.isIp, true);
    assert.equal(pub?.isPrivateIp, false);
    assert.equal(pub?.isLocal, false);
    assert.equal(parseUrl('http://10.0.0.5:8080/sse')?.isPrivateIp, true);
    assert.equal(parseUrl('http://[fd00::1]/')?.isPrivateIp, true);
    assert.equal(parseUrl('http://[2001:db8::1]/')?.isPrivateIp, false);
  });

  it('treats local names as local', () => {
    for (const u of ['http://ollama:11434', 'http://mcp-server:8080/sse', 'http://host.docker.internal:11434', 'http://0.0.0.0:8000', 'http://localhost']) {
      assert.equal(parseUrl(u)?.isLocal, true, u);
    }
    for (const u of ['https://proxy.example.com', 'http://10.0.0.5', 'https://203.0.113.9']) assert.equal(parseUrl(u)?.isLocal, false, u);
  });

  it('accepts a bare host[:port] with an empty scheme', () => {
    const u = parseUrl('evil.example:8080/v1');
    assert.equal(u?.scheme, '');
    assert.equal(u?.host, 'evil.example');
    assert.equal(u?.port, '8080');
    assert.equal(parseUrl('api.openai.com')?.scheme, '');
  });

  it('returns undefined for non-URLs, references and templated hosts', () => {
    for (const v of [
      '', '   ', 'gpt-4o', 'v1.2', '/v1/chat', 'not a url', '${OPENAI_BASE_URL}', '${env:AZURE_OPENAI_ENDPOINT}', '{{ env.BASE_URL }}',
      '$OPENAI_BASE_URL', '%OPENAI_BASE_URL%', 'os.environ/OPENAI_API_BASE', 'https://${HOST}/v1', 'https://{{host}}/v1', 'https://$HOST/v1',
      'https://%HOST%/v1', 'https://<your-resource>.openai.azure.com/', 'file:///etc/passwd', `https://${'a'.repeat(5000)}.com`,
    ]) {
      assert.equal(parseUrl(v), undefined, v);
    }
  });

  it('parses other schemes (socks5, ws) keeping the scheme', () => {
    assert.equal(parseUrl('socks5://1.2.3.4:1080')?.scheme, 'socks5');
    assert.equal(parseUrl('ws://mcp.example.com/ws')?.scheme, 'ws');
  });
});

describe('isReference', () => {
  it('recognises environment and template references', () => {
    for (const v of [
      '${OPENAI_BASE_URL}', '${OPENAI_BASE_URL}/v1', '${env:X}', '${env:X:https://evil.example}', '${X:-https://evil.example}', '${{ secrets.BASE }}',
      '$OPENAI_BASE_URL', '$(BASE_URL)', '%BASE_URL%', '{{ env.BASE_URL }}', '{{base_url}}', '{env:OPENAI_BASE_URL}', '{file:./url.txt}',
      'os.environ/OPENAI_API_BASE', 'env:OPENAI_BASE_URL', '  ${X}  ', '<%= baseUrl %>',
    ]) {
      assert.equal(isReference(v), true, v);
    }
  });

  it('does not take literal URLs or plain words for references', () => {
    for (const v of ['https://api.openai.com', 'http://localhost:11434', 'api.openai.com', 'env', '$', '{}', '{ notes }', '']) {
      assert.equal(isReference(v), false, v);
    }
  });
});

describe('referenceDefault', () => {
  it('returns the Prompty ${env:NAME:default} default and its offset', () => {
    const v = '${env:AZURE_OPENAI_ENDPOINT:https://evil.example}';
    const d = referenceDefault(v);
    assert.deepEqual(d, { default: 'https://evil.example', offset: v.indexOf('https://') });
  });

  it('handles shell defaults and a path after the reference', () => {
    assert.deepEqual(referenceDefault('${X:-https://e.example}'), { default: 'https://e.example', offset: 5 });
    assert.deepEqual(referenceDefault('${X-https://e.example}'), { default: 'https://e.example', offset: 4 });
    assert.deepEqual(referenceDefault('${X:=https://e.example}'), { default: 'https://e.example', offset: 5 });
    const v = '${env:X:https://evil.example}/v1';
    assert.deepEqual(referenceDefault(v), { default: 'https://evil.example', offset: 8 });
  });

  it('counts leading whitespace in the offset', () => {
    const v = '  ${env:X:https://e.example}';
    const d = referenceDefault(v);
    assert.equal(d?.offset, v.indexOf('https://'));
  });

  it('is undefined without a default', () => {
    for (const v of ['${X}', '${env:X}', '$X', 'https://api.openai.com', '{{ env.X }}', '${env:X:}']) assert.equal(referenceDefault(v), undefined, v);
  });
});

describe('hostMatches', () => {
  it('matches exact hosts, case and trailing dots aside', () => {
    assert.equal(hostMatches('api.openai.com', 'api.openai.com'), true);
    assert.equal(hostMatches('api.openai.com', 'API.OpenAI.com.'), true);
    assert.equal(hostMatches('api.openai.com.', 'api.openai.com'), true);
    assert.equal(hostMatches('api.openai.com.evil.example', 'api.openai.com'), false);
    assert.equal(hostMatches('evilapi.openai.com', 'api.openai.com'), false);
  });

  it('matches *.suffix patterns on subdomains only', () => {
    assert.equal(hostMatches('my-resource.openai.azure.com', '*.openai.azure.com'), true);
    assert.equal(hostMatches('a.b.openai.azure.com', '*.openai.azure.com'), true);
    assert.equal(hostMatches('openai.azure.com', '*.openai.azure.com'), false);
    assert.equal(hostMatches('openai.azure.com.evil.example', '*.openai.azure.com'), false);
    assert.equal(hostMatches('evilopenai.azure.com', '*.openai.azure.com'), false);
  });

  it('matches * inside a label without crossing dots', () => {
    assert.equal(hostMatches('us-central1-aiplatform.googleapis.com', '*-aiplatform.googleapis.com'), true);
    assert.equal(hostMatches('evil.example-aiplatform.googleapis.com', '*-aiplatform.googleapis.com'), false);
    assert.equal(hostMatches('bedrock-runtime.us-east-1.amazonaws.com', 'bedrock-runtime.*.amazonaws.com'), true);
    assert.equal(hostMatches('bedrock-runtime.a.b.amazonaws.com', 'bedrock-runtime.*.amazonaws.com'), false);
  });

  it('treats * alone as any host', () => {
    assert.equal(hostMatches('anything.example', '*'), true);
  });

  it('accepts patterns written as URLs, with ports or IDN', () => {
    assert.equal(hostMatches('mcp.example.com', 'https://MCP.example.com:443/path'), true);
    assert.equal(hostMatches('mcp.example.com', 'mcp.example.com:8443'), true);
    assert.equal(hostMatches('xn--bcher-kva.example', 'bücher.example'), true);
    assert.equal(normalizeHostPattern('https://user@Host.Example.:8080/x?y'), 'host.example');
  });

  it('never matches with an empty pattern', () => {
    assert.equal(hostMatches('api.openai.com', ''), false);
    assert.equal(hostMatches('api.openai.com', '   '), false);
  });

  it('escapes regex characters in patterns', () => {
    assert.equal(hostMatches('apixopenai.com', 'api.openai.com'), false);
    assert.equal(hostMatches('a.b', '*.(b|c)'), false);
  });

  it('is linear on long hosts', () => {
    const host = `${'a-'.repeat(50_000)}aiplatform.googleapis.com`;
    const t = performance.now();
    assert.equal(hostMatches(host, '*-aiplatform.googleapis.com'), false);
    assert.ok(performance.now() - t < 2000);
  });
});

describe('host lists', () => {
  it('trusts the documented provider hosts', () => {
    for (const h of ['api.openai.com', 'my-resource.openai.azure.com', 'api.anthropic.com', 'generativelanguage.googleapis.com', 'us-central1-aiplatform.googleapis.com', 'bedrock-runtime.us-east-1.amazonaws.com', 'localhost']) {
      assert.equal(hostInList(h, DEFAULT_TRUSTED_HOSTS), true, h);
    }
    for (const h of ['openrouter.ai', 'proxy.evil.example', 'api.openai.com.evil.example']) assert.equal(hostInList(h, DEFAULT_TRUSTED_HOSTS), false, h);
  });

  it('lists gateways and tunnels apart from trusted hosts', () => {
    assert.equal(hostInList('openrouter.ai', DEFAULT_GATEWAY_HOSTS), true);
    assert.equal(hostInList('oai.helicone.ai', DEFAULT_GATEWAY_HOSTS), true);
    for (const h of ['abcd.ngrok-free.app', 'webhook.site', 'x.trycloudflare.com', 'abc.oast.fun', 'eo123.m.pipedream.net']) {
      assert.equal(hostInList(h, TUNNEL_AND_CATCHER_HOSTS), true, h);
    }
    for (const h of DEFAULT_TRUSTED_HOSTS) assert.equal(hostInList(h.replace('*', 'x'), TUNNEL_AND_CATCHER_HOSTS), false, h);
  });
});

describe('address helpers', () => {
  it('isLoopbackHost', () => {
    assert.equal(isLoopbackHost('127.8.9.10'), true);
    assert.equal(isLoopbackHost('LOCALHOST.'), true);
    assert.equal(isLoopbackHost('128.0.0.1'), false);
    assert.equal(isLoopbackHost('localhost.evil.example'), false);
  });

  it('isLocalName', () => {
    assert.equal(isLocalName('ollama'), true);
    assert.equal(isLocalName('host.docker.internal'), true);
    assert.equal(isLocalName('0.0.0.0'), true);
    assert.equal(isLocalName('12345'), false);
    assert.equal(isLocalName('evil.example'), false);
  });

  it('isPrivateIp never takes a host name for an IPv6 prefix', () => {
    assert.equal(isPrivateIp('fcbarcelona.com'), false);
    assert.equal(isPrivateIp('fd12:3456::1'), true);
    assert.equal(isPrivateIp('172.16.0.1'), true);
    assert.equal(isPrivateIp('172.32.0.1'), false);
    assert.equal(isPrivateIp('100.64.1.1'), true);
    assert.equal(isPrivateIp('169.254.169.254'), true);
  });
});
