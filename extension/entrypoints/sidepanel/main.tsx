import { render } from 'preact';
import { App } from '../../ui/panel/App.tsx';
import '../../ui/styles.css';
import '../../ui/lookup.css';

render(<App />, document.getElementById('app')!);
